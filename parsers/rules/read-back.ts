/**
 * In a call, the agent's read-back only helps: where it says another quantity, size or variant
 * than the caller's words were read as (and the caller did not answer it with a change), a
 * person listens to the call again.
 */
import type { SourceLine } from '../clean/source-lines.js';
import type { Directory } from '../dealer/compile-directory.js';
import { NUMBER_WORDS } from '../lexicon/units.js';
import type { CompiledLearnedAliases } from '../match/learned-aliases.js';
import type { CompiledCatalog } from '../match/compile-catalog.js';
import { reason } from '../review-reason.js';
import { normalizeText, tokenize } from '../text/tokenize.js';
import type { ReviewReason } from '../types.js';
import { assembleLines, type WorkLine } from './assemble-lines.js';

export interface CheckReadBackInput {
  catalog: CompiledCatalog;
  directory: Directory;
  /** The lines read from the caller's turns. */
  work: WorkLine[];
  callerTurns: SourceLine[];
  agentTurns: SourceLine[];
  dealer: string | null;
  repDealers?: Set<string>;
  learned?: CompiledLearnedAliases;
}

/** A doubt when the read-back differs from the caller's lines, else null. */
export function checkReadBack(input: CheckReadBackInput): ReviewReason | null {
  const { catalog, work } = input;
  if (work.length === 0 || input.agentTurns.length === 0) return null;
  const firstTurn = Math.min(...work.map((w) => w.turn));
  const heard = assembleLines({
    catalog,
    directory: input.directory,
    lines: input.agentTurns.filter((l) => l.turn > firstTurn),
    dealer: input.dealer,
    repDealers: input.repDealers,
    learned: input.learned,
  }).lines;
  const differs = readBackDiffers(catalog, work, heard, input.callerTurns);
  return differs
    ? reason(
        'uncertain',
        `The agent read back "${differs.source.trim()}", which differs from what the caller's words were read as; check the call.`,
        differs.source,
      )
    : null;
}

/**
 * The first read-back line that says another quantity of a product the caller ordered, or
 * another size or variant of it (a sibling sharing its brand or lead word), unless the caller
 * spoke again with a number or a "no" after it. A product read back twice is compared once
 * ("Tata salt 7 bag … Tata salt 7 bag"); agent chatter about other things is not compared.
 */
function readBackDiffers(
  catalog: CompiledCatalog,
  callerLines: WorkLine[],
  readBack: WorkLine[],
  callerTurns: SourceLine[],
): WorkLine | null {
  const qtyBySku = new Map<string, number>();
  for (const w of callerLines) qtyBySku.set(w.sku, (qtyBySku.get(w.sku) ?? 0) + w.qty);
  const heads = new Set(callerLines.flatMap((w) => catalog.bySku.get(w.sku)?.headTerms ?? []));
  for (const h of readBack) {
    const mentions = h.source.split(' | ').length;
    const ordered = qtyBySku.get(h.sku);
    if (ordered !== undefined && (h.qty === ordered || h.qty === ordered * mentions)) continue;
    const sibling = catalog.bySku.get(h.sku)?.headTerms.some((t) => heads.has(t)) ?? false;
    if (ordered === undefined && !sibling) continue;
    const answered = callerTurns.some((l) => l.turn > h.turn && saysANumberOrNo(l.text));
    if (!answered) return h;
  }
  return null;
}

/** "make it hundred", "nahi, aath", "12": the caller answered the read-back with a change. */
function saysANumberOrNo(text: string): boolean {
  const tokens = tokenize(normalizeText(text));
  return tokens.some(
    (t) =>
      t.kind === 'number' || NUMBER_WORDS.has(t.norm) || ['nahi', 'no', 'nahin'].includes(t.norm),
  );
}
