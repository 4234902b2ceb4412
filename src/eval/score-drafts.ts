/**
 * Scores drafts against a corpus's truth (the corpus format of test/corpora/README.md): how
 * many messages are read exactly, how many orders go straight through, and — the figure that
 * matters — how many of those that went straight through were wrong. Pure: data in, figures out.
 */
import { z } from 'zod';

export const truthSchema = z.object({
  id: z.string(),
  intent: z.enum(['order', 'order_status', 'balance', 'cancel', 'other']),
  orders: z.array(
    z.object({
      dealer: z.string().nullable(),
      lines: z.array(z.object({ sku: z.string(), qty: z.number() })),
    }),
  ),
  ambiguous: z.boolean(),
  tags: z.array(z.string()),
});
export type Truth = z.infer<typeof truthSchema>;

/** What the scorer needs of a parse answer. */
export interface ScoredDraft {
  id: string;
  intent: string;
  orders: { dealer: string | null; lines: { sku: string; qty: number }[] }[];
  confidence: number;
  needs_review: boolean;
}

export interface Figures {
  messages: number;
  exact: number;
  intent: number;
  lineF1: number;
  /** Share of truth orders (ambiguous included) that went straight through. */
  straightThrough: number;
  /** Share of straight-through drafts that were wrong or ambiguous. */
  autoError: number;
  autoAccepted: number;
  autoWrong: number;
}

export interface TagFigures {
  tag: string;
  messages: number;
  exact: number;
  autoAccepted: number;
  autoWrong: number;
}

export interface BandFigures {
  band: string;
  autoAccepted: number;
  autoWrong: number;
}

export interface Score {
  figures: Figures;
  byTag: TagFigures[];
  byConfidence: BandFigures[];
  /** Ids of drafts that went straight through wrong: the ones to read first. */
  autoWrongIds: string[];
}

/** Confidence bands, high to low: the auto-accept error rate is reported per band. */
export const CONFIDENCE_BANDS = [0.95, 0.9, 0.8, 0.7, 0.5, 0] as const;

const tuples = (orders: ScoredDraft['orders'] | Truth['orders']) =>
  orders.flatMap((o) => o.lines.map((l) => `${o.dealer}|${l.sku}|${l.qty}`)).sort();

export function scoreDrafts(truths: readonly Truth[], drafts: readonly ScoredDraft[]): Score {
  const byId = new Map(drafts.map((d) => [d.id, d]));
  let exact = 0;
  let intent = 0;
  let truthOrders = 0;
  let auto = 0;
  let autoOrders = 0;
  let autoWrong = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const tags = new Map<string, TagFigures>();
  const bands = new Map<string, BandFigures>(
    CONFIDENCE_BANDS.map((b) => [bandOf(b), { band: bandOf(b), autoAccepted: 0, autoWrong: 0 }]),
  );
  const autoWrongIds: string[] = [];
  for (const truth of truths) {
    const draft = byId.get(truth.id);
    const intentRight = draft?.intent === truth.intent;
    const want = truth.intent === 'order' ? tuples(truth.orders) : [];
    const got = draft ? tuples(draft.orders) : [];
    const sameLines = want.join(';') === got.join(';');
    const straight = draft?.needs_review === false;
    const isExact = truth.ambiguous
      ? intentRight && !straight && draft !== undefined
      : intentRight && sameLines;
    if (!truth.ambiguous) {
      const left = [...want];
      for (const t of got) {
        const k = left.indexOf(t);
        if (k >= 0) {
          left.splice(k, 1);
          tp++;
        } else fp++;
      }
      fn += left.length;
    }
    if (isExact) exact++;
    if (intentRight) intent++;
    if (truth.intent === 'order') truthOrders++;
    const wrong = straight && (truth.ambiguous || !isExact);
    if (straight) {
      auto++;
      if (truth.intent === 'order') autoOrders++;
      const band = bands.get(bandOf(draft!.confidence))!;
      band.autoAccepted++;
      if (wrong) band.autoWrong++;
    }
    if (wrong) {
      autoWrong++;
      autoWrongIds.push(truth.id);
    }
    for (const tag of truth.tags) {
      const t = tags.get(tag) ?? { tag, messages: 0, exact: 0, autoAccepted: 0, autoWrong: 0 };
      t.messages++;
      if (isExact) t.exact++;
      if (straight) t.autoAccepted++;
      if (wrong) t.autoWrong++;
      tags.set(tag, t);
    }
  }
  const n = truths.length;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return {
    figures: {
      messages: n,
      exact: ratio(exact, n),
      intent: ratio(intent, n),
      lineF1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
      straightThrough: ratio(autoOrders, truthOrders),
      autoError: ratio(autoWrong, auto),
      autoAccepted: auto,
      autoWrong,
    },
    byTag: [...tags.values()].sort((a, b) => b.messages - a.messages || a.tag.localeCompare(b.tag)),
    byConfidence: [...bands.values()],
    autoWrongIds,
  };
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

/** "0.95–1.00": the band a confidence falls in. */
export function bandOf(confidence: number): string {
  const lower = CONFIDENCE_BANDS.find((b) => confidence >= b) ?? 0;
  const i = CONFIDENCE_BANDS.indexOf(lower);
  const upper = i === 0 ? 1 : CONFIDENCE_BANDS[i - 1]!;
  return `${lower.toFixed(2)}–${upper.toFixed(2)}`;
}
