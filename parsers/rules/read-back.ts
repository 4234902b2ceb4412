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
import { resolveTerms } from '../match/resolve-terms.js';
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
 * "Exide 65 amp car battery do" — agent: "Exide Mileage 65 Ah 2" — caller: "haan". A product
 * the caller's words left open (several SKUs fit, or none we know) that the agent's read-back
 * names with a quantity the caller said, unanswered by a change, is that line; it replaces a
 * guess pencilled in for the same words. Its words are the agent's, so such a line is never
 * straight through: the doubt about the caller's words stays.
 */
export function completeFromReadBack(
  input: CheckReadBackInput & { doubts: readonly ReviewReason[] },
): WorkLine[] {
  const { catalog, work } = input;
  if (input.agentTurns.length === 0) return work;
  const open = input.doubts.filter(
    (d) =>
      d.source !== undefined &&
      ['ambiguous_product', 'leftover_text', 'missing_quantity'].includes(d.code),
  );
  if (open.length === 0) return work;
  // Turn by turn: a later read-back of a product restates it ("Exide 65 Ah 1" after "… 2").
  const bySku = new Map<string, WorkLine>();
  for (const turn of input.agentTurns)
    for (const h of assembleLines({
      catalog,
      directory: input.directory,
      lines: [turn],
      dealer: input.dealer,
      repDealers: input.repDealers,
      learned: input.learned,
    }).lines)
      if (!h.guessed) bySku.set(`${h.dealer}|${h.sku}`, h);
  const heard = [...bySku.values()];
  const out = [...work];
  const used = new Set<ReviewReason>();
  for (const h of heard) {
    if (out.some((w) => w.sku === h.sku && w.dealer === h.dealer && !w.guessed)) continue;
    if (input.callerTurns.some((l) => l.turn > h.turn && saysANumberOrNo(l.text))) continue;
    const sku = catalog.bySku.get(h.sku);
    if (!sku) continue;
    const namesIt = (text: string) =>
      tokenize(normalizeText(text)).some((t) =>
        resolveTerms(catalog, t.norm).some((r) => sku.headTerms.includes(r.term)),
      );
    // the quantity as the caller said it, first or in a change ("Exide 65 do nahi, ek hi")
    const said = (source: string) =>
      saysNumber(source, h.qty) ||
      input.callerTurns.some((l) => namesIt(l.text) && saysNumber(l.text, h.qty));
    const doubt = open.find(
      (d) =>
        !used.has(d) &&
        said(d.source!) &&
        (d.candidates?.some((c) => c.sku === h.sku) ?? namesIt(d.source!)),
    );
    if (!doubt) continue;
    used.add(doubt);
    for (let k = out.length - 1; k >= 0; k--)
      if (out[k]!.guessed && out[k]!.source === doubt.source) out.splice(k, 1);
    out.push({ ...h, source: doubt.source!, guessed: false });
  }
  return out;
}

/** The text says this number, in digits or a number word. */
function saysNumber(text: string, n: number): boolean {
  return tokenize(normalizeText(text)).some((t) =>
    t.kind === 'number' ? Number(t.raw) === n : NUMBER_WORDS.get(t.norm) === n,
  );
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

/** One agent turn of a call and the lines read from its words alone. */
export interface AgentTurn {
  line: SourceLine;
  /** Before the caller's first turn, between the caller's first and last, or after the last. */
  place: 'before' | 'between' | 'after';
  lines: WorkLine[];
  reasons: ReviewReason[];
}

/**
 * The agent's turns, those between the caller's first turn and the caller's last each read on
 * its own (a later turn restates a product: "Kaveri 10 kg 12 bori" after "… 10 bori"). The
 * caller's last turn is then the answer to them; whether it says yes is the review policy's to
 * judge.
 */
export function agentTurns(input: CheckReadBackInput): AgentTurn[] {
  if (input.callerTurns.length < 2) return [];
  const first = input.callerTurns[0]!.turn;
  const last = input.callerTurns.at(-1)!.turn;
  return input.agentTurns.map((line) => {
    const place = line.turn < first ? 'before' : line.turn > last ? 'after' : 'between';
    if (place !== 'between') return { line, place, lines: [], reasons: [] };
    const read = assembleLines({
      catalog: input.catalog,
      directory: input.directory,
      lines: [line],
      dealer: input.dealer,
      repDealers: input.repDealers,
      learned: input.learned,
    });
    return { line, place, lines: read.lines, reasons: read.reasons };
  });
}

/** What a read-back came to: each product as its last mention says it. */
export function readBackLines(turns: readonly AgentTurn[]): WorkLine[] {
  const bySku = new Map<string, WorkLine>();
  for (const turn of turns)
    for (const line of turn.lines) {
      bySku.delete(`${line.dealer}|${line.sku}`);
      bySku.set(`${line.dealer}|${line.sku}`, line);
    }
  return [...bySku.values()];
}
