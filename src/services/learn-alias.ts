/**
 * A correction teaches: when a reviewer settles a line's product, the words
 * the dealer used for it become a learned alias (for that dealer, or for
 * everyone when an admin says so). The parser reads them next time
 * (parsers/match/learned-aliases.ts), so the same message goes straight
 * through.
 */
import { sql } from 'kysely';
import { aliasWords } from '../../parsers/match/learned-aliases.js';
import type { Executor } from '../db/transaction.js';
import { upsertLearnedAlias } from '../repositories/learned-alias.repository.js';

/** Longest alias kept (a whole pasted paragraph is not an alias). */
export const MAX_ALIAS_LENGTH = 120;

/**
 * The alias in a line's source text: lower-cased words, without numbers
 * and quantities ("2 safed wala 20L" → "safed wala"), so "5 safed wala"
 * matches too. Empty when nothing word-like is left.
 */
export function aliasFromSource(source: string): string {
  return source
    .toLowerCase()
    .normalize('NFKC')
    .split(/[\s,;:/()[\]{}"'`*+=|<>!?]+/u)
    .filter((w) => w !== '' && !/\d/.test(w) && !/^[-.&x×]+$/.test(w))
    .join(' ')
    .slice(0, MAX_ALIAS_LENGTH)
    .trim();
}

export interface LearnAliasInput {
  /** null: for everyone. */
  dealerCode: string | null;
  source: string;
  sku: string;
  createdBy: string;
}

/** What a correction taught, or why it taught nothing. */
export type LearnAliasResult =
  { alias: string; learned: true } | { alias: string; learned: false; why: string };

/**
 * Records the alias when it is safe to: a phrase of two meaningful words or more, or one word
 * that names at most one product in the catalog (never a word like "piece" that names many).
 * Null when the source holds no words at all.
 */
export async function learnAlias(
  trx: Executor,
  input: LearnAliasInput,
): Promise<LearnAliasResult | null> {
  const alias = aliasFromSource(input.source);
  if (alias === '') return null;
  const { words, problem } = aliasWords(alias);
  if (problem !== null) return { alias, learned: false, why: problem };
  if (words.length === 1) {
    const named = await productsNaming(trx, words[0]!);
    if (named > 1)
      return { alias, learned: false, why: `"${words[0]}" names ${named} products in the catalog` };
  }
  await upsertLearnedAlias(trx, {
    dealerCode: input.dealerCode,
    alias,
    sku: input.sku,
    createdBy: input.createdBy,
  });
  return { alias, learned: true };
}

/** How many active products carry the word in their name, brand or aliases (whole words). */
async function productsNaming(trx: Executor, word: string): Promise<number> {
  const pattern = `\\m${word.replace(/[^\p{L}\p{N}]/gu, '')}\\M`;
  const row = await trx
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('active', '=', true)
    .where(
      sql<boolean>`(name || ' ' || coalesce(brand, '') || ' ' || array_to_string(aliases, ' ')) ~* ${pattern}`,
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
