/**
 * A correction teaches: when a reviewer settles a line's product, the words
 * the dealer used for it become a learned alias (for that dealer, or for
 * everyone when an admin says so). The parser reads them next time
 * (parsers/match/learned-aliases.ts), so the same message goes straight
 * through.
 */
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

/** Records the alias; returns it, or null when the source holds no words to learn. */
export async function learnAlias(trx: Executor, input: LearnAliasInput): Promise<string | null> {
  const alias = aliasFromSource(input.source);
  if (alias === '') return null;
  await upsertLearnedAlias(trx, {
    dealerCode: input.dealerCode,
    alias,
    sku: input.sku,
    createdBy: input.createdBy,
  });
  return alias;
}
