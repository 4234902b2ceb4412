/**
 * Turns cleaned lines into order lines: each segment's product and quantity, joined across
 * segments ("Tata salt, um, paanch bori"), carried over ("and 1 ltr 10 cs"), corrected ("sorry 6
 * case", "not 8"), removed ("rehne do X"), summed when repeated, and split per dealer when a rep
 * names them. Every doubt becomes a review reason naming its text.
 */
import type { Directory } from '../dealer/compile-directory.js';
import { findDealerMention, firstDealerMention } from '../dealer/find-dealer-mention.js';
import type { CompiledCatalog, CompiledSku } from '../match/compile-catalog.js';
import { resolveTerms } from '../match/resolve-terms.js';
import { applyLearnedAliases, type CompiledLearnedAliases } from '../match/learned-aliases.js';
import type { SourceLine } from '../clean/source-lines.js';
import { complainsInSegment } from '../intent/detect-intent.js';
import { candidatesOf, reason } from '../review-reason.js';
import { latin } from '../text/latin.js';
import { normalizeText, tokenize } from '../text/tokenize.js';
import type { ReviewReason } from '../types.js';
import { toSalesUnits, unitConflicts } from '../units/to-sales-units.js';
import { bestGuess } from './best-guess.js';
import { hasCorrectionCue, nameNumbers, type SegmentReading } from './read-segment.js';
import { readSegmentCached } from './read-segment-cached.js';
import { DEALER_CELL_END } from './read-table.js';
import { splitAtQuantities } from './split-at-quantities.js';
import { splitSegments } from './split-segments.js';

/** The matcher lists at most this many candidates: a full list may have left the right one out. */
const MAX_LISTED_CANDIDATES = 6;

/** A guess is pencilled in only among at most so many equally fitting SKUs ... */
const GUESS_MAX_TIED = 3;
/** ... for a mention whose words the catalog all knows, or that covers this much of a name. */
const GUESS_MIN_COVERAGE = 0.4;

export interface WorkLine {
  dealer: string | null;
  sku: string;
  qty: number;
  source: string;
  fractional: boolean;
  /** The turn (transcript) or line the line was first read from. */
  turn: number;
  /** Pencilled in from several equally fitting SKUs (rules/best-guess.ts): not a sign of an order. */
  guessed?: boolean;
}

export interface AssembleLinesInput {
  catalog: CompiledCatalog;
  directory: Directory;
  lines: SourceLine[];
  /** The dealer the lines are for, when the sender settles it. */
  dealer: string | null;
  /** A rep's dealers: lines go to the dealer named last. */
  repDealers?: Set<string>;
  /** Phrases learned from reviews for this dealer (and for everyone). */
  learned?: CompiledLearnedAliases;
}

export interface AssembledLines {
  lines: WorkLine[];
  reasons: ReviewReason[];
}

export function assembleLines(input: AssembleLinesInput): AssembledLines {
  const { catalog, directory, lines } = input;
  const reasons: ReviewReason[] = [];
  let currentDealer = input.dealer;
  const work: WorkLine[] = [];
  let pending: { reading: SegmentReading; dealer: string | null; turn: number } | null = null;
  let last: WorkLine | null = null;
  let lastReading: SegmentReading | null = null;
  /** A heading that named a family without a quantity ("Havells wire 1.5 sqmm:"), for the lines under it. */
  let heading: { reading: SegmentReading; dealer: string | null } | null = null;
  let eachQty: SegmentReading['quantity'] = null;
  /** The words each line's product was named by, to tell a repeat from a different product. */
  const words = new Map<WorkLine, string[]>();

  const addLine = (
    reading: SegmentReading,
    qtyReading: NonNullable<SegmentReading['quantity']>,
    dealer: string | null,
    replace: boolean,
    guessed = false,
  ) => {
    const skuIndex = reading.codeSku ?? reading.product.sku?.index ?? null;
    if (skuIndex === null) return;
    const sku = catalog.skus[skuIndex]!;
    const converted = toSalesUnits(sku, qtyReading);
    if (converted.qty <= 0) return;
    const fresh: WorkLine = {
      dealer,
      sku: sku.item.sku,
      qty: converted.qty,
      source: reading.text,
      fractional: converted.fractional,
      turn: currentTurn,
    };
    // A guess is doubted already: what else is wrong with it is the reviewer's to see.
    if (guessed) {
      if (!work.some((w) => w.sku === sku.item.sku && w.dealer === dealer))
        work.push({ ...fresh, guessed });
      return;
    }
    if (unitConflicts(sku, qtyReading)) {
      reasons.push(
        reason(
          'uncertain',
          `"${reading.text.trim()}" asks for ${qtyReading.unitWord}, but ${sku.item.name} is sold by the ${sku.item.unit}; check the product.`,
          reading.text,
          candidatesOf(reading),
        ),
      );
    }
    if (converted.fractional) {
      reasons.push(
        reason(
          'fractional_quantity',
          `${qtyReading.value} ${qtyReading.unitWord ?? ''} of ${sku.item.name} is not a whole number of ${plural(sku.item.unit)} (${sku.item.packSize} per ${sku.item.unit}).`,
          reading.text,
        ),
      );
    }
    const existing = work.find((w) => w.sku === sku.item.sku && w.dealer === dealer);
    if (existing) {
      // Summing two mentions is right only when they name the product alike: "cement 50 bag"
      // landing on "White Cement Putty" after "putty 20 bag" is two products, one unknown.
      if (!replace && !namedAlike(words.get(existing) ?? [], reading)) {
        reasons.push(
          reason(
            'uncertain',
            `"${existing.source.trim()}" and "${reading.text.trim()}" both read as ${sku.item.name}; check they are the same product.`,
            reading.text,
          ),
        );
      }
      existing.qty = replace ? converted.qty : existing.qty + converted.qty;
      existing.source += ' | ' + reading.text;
      last = existing;
    } else {
      last = fresh;
      work.push(last);
      words.set(last, productTerms(reading));
    }
  };

  /**
   * A mention several SKUs fit: the draft gets the likeliest one beside the doubt already raised,
   * so a reviewer corrects rather than types. Its source is the doubt's, so the dealer's answer
   * to "which one?" replaces it. Not a line later lines carry context from.
   */
  const addGuess = (
    reading: SegmentReading,
    qtyReading: NonNullable<SegmentReading['quantity']>,
  ) => {
    const fits = (sku: CompiledSku) =>
      !unitConflicts(sku, qtyReading) && !toSalesUnits(sku, qtyReading).fractional;
    // Only a clear mention, a whole quantity and a few SKUs: a guess from chatter ("Plot 41",
    // "NEFT on 18.01") or from a bare family word would mislead more than help.
    const worthIt =
      reading.product.status === 'ambiguous' &&
      (reading.unknownWords.length === 0 || reading.product.coverage >= GUESS_MIN_COVERAGE) &&
      Number.isInteger(qtyReading.value) &&
      reading.product.candidates.filter((c) => c.score >= reading.product.candidates[0]!.score)
        .length <= GUESS_MAX_TIED;
    const brands = new Set(
      work
        .filter((w) => w.dealer === currentDealer)
        .map((w) => catalog.bySku.get(w.sku)?.item.brand),
    );
    const ordered = (sku: CompiledSku) => sku.item.brand !== null && brands.has(sku.item.brand);
    const guess = worthIt ? bestGuess(reading, fits, ordered) : null;
    if (guess) addLine(guess, qtyReading, currentDealer, false, true);
  };

  /** Products of this line still waiting for a quantity: "X, Y, Z – 10 each" gives them one. */
  let unquantified: { reading: SegmentReading; dealer: string | null; asked: ReviewReason }[] = [];
  const flagPending = () => {
    if (!pending) return;
    const p = pending.reading;
    // "Renuka ply Tumakuru", "Sai Krupa, Jalgaon": the sender's own shop named, no product
    if (input.dealer && findDealerMention(directory, p.text, new Set([input.dealer]))) {
      pending = null;
      return;
    }
    // A strong mention, or one written with a size ("Oreo 120"), is an order line missing its quantity.
    if (
      p.product.coverage >= 0.45 ||
      p.codeSku !== null ||
      p.attributes.length > 0 ||
      p.product.usedNumbers.length > 0
    ) {
      const asked = reason(
        'missing_quantity',
        `No quantity found for "${p.text.trim()}".`,
        p.text,
        candidatesOf(p),
      );
      reasons.push(asked);
      if (p.codeSku !== null || p.product.status === 'resolved')
        unquantified.push({ reading: p, dealer: pending.dealer, asked });
    }
    pending = null;
  };
  /** "– 10 each" at the end of a list: every product before it in the line without a quantity. */
  const giveEach = (qty: NonNullable<SegmentReading['quantity']>) => {
    for (const u of unquantified) {
      addLine(u.reading, qty, u.dealer, false);
      const k = reasons.indexOf(u.asked);
      if (k >= 0) reasons.splice(k, 1);
    }
    unquantified = [];
  };

  let previousTurn = -2;
  let currentTurn = -1;
  const byDealer = input.repDealers
    ? splitAtDealerMentions(directory, lines, input.repDealers)
    : lines;
  for (const line of byDealer) {
    currentTurn = line.turn;
    let text = line.text;
    if (input.repDealers) {
      const mention = findDealerMention(directory, text, input.repDealers);
      if (mention) {
        currentDealer = mention.dealer.code;
        text =
          text.slice(0, mention.start) +
          ' '.repeat(mention.end - mention.start) +
          text.slice(mention.end);
        flagPending();
      } else if (startsWithDealerCell(text)) {
        // A table row's Dealer cell we cannot match to one of the rep's dealers: its lines
        // belong to nobody we know, never to the dealer of the row above.
        currentDealer = null;
        flagPending();
      }
    }
    if (line.turn !== previousTurn) {
      eachQty = null;
      unquantified = [];
    }
    // Whether the turn or the line corrects something: worked out when first asked, if ever.
    let turnCorrection: boolean | null = null;
    let lineCorrection: boolean | null = null;
    previousTurn = line.turn;
    const segments = splitSegments(catalog, text).flatMap((segment) =>
      splitAtQuantities(catalog, segment),
    );
    segments.forEach((segmentText, k) => {
      if (complainsInSegment(latin(segmentText))) return;
      // "Vardhman Pharma se Jain bol raha hoon": the caller saying who they are, not a line.
      if (INTRODUCTION.test(latin(segmentText)) && !/\d/.test(segmentText)) return;
      // Readings are shared (memoised per catalog): changed by copying, never in place.
      let r = applyLearnedAliases(
        catalog,
        readSegmentCached(catalog, segmentText, k === 0),
        input.learned,
      );
      const hasProduct = r.codeSku !== null || r.product.status !== 'none';
      const resolved = r.codeSku !== null || r.product.status === 'resolved';
      // Taking a line out needs the product named as written, not a near spelling ("gaadi" is not "Ghadi").
      const namedExactly =
        r.codeSku !== null || r.productWords.some((w) => catalog.termIds.has(w.norm));
      if (r.removal && hasProduct && namedExactly) {
        const skus = new Set(
          r.codeSku !== null
            ? [catalog.skus[r.codeSku]!.item.sku]
            : r.product.candidates.map((c) => c.sku.item.sku),
        );
        for (let w = work.length - 1; w >= 0; w--)
          if (skus.has(work[w]!.sku) && work[w]!.dealer === currentDealer) work.splice(w, 1);
        if (
          pending &&
          pending.reading.product.sku &&
          skus.has(pending.reading.product.sku.item.sku)
        )
          pending = null;
        return;
      }
      // A "don't send …" segment never adds a line, whatever it names.
      if (r.removal) return;
      if (r.negated && hasProduct) {
        const skus = new Set(r.product.candidates.map((c) => c.sku.item.sku));
        for (let w = work.length - 1; w >= 0; w--)
          if (skus.has(work[w]!.sku) && work[w]!.dealer === currentDealer) work.splice(w, 1);
        return;
      }
      // "And Sprite 750, 2 cases": the number was the size; the quantity follows.
      const nextReading =
        segments[k + 1] !== undefined ? readSegmentCached(catalog, segments[k + 1]!, false) : null;
      if (
        r.product.numberInDoubt &&
        r.quantity?.kind === 'bare' &&
        nextReading?.quantity &&
        nextReading.product.status === 'none' &&
        nextReading.codeSku === null
      ) {
        r = { ...r, quantity: null, product: { ...r.product, numberInDoubt: false } };
      }
      // "120 gram" on its own: a size for the product just named, or for a repeat of the last one.
      if (!hasProduct && !r.quantity && r.attributes.length > 0) {
        const base = pending
          ? pending.reading.text
          : lastReading?.productWords.map((t) => t.raw).join(' ');
        if (base) {
          const merged = readSegmentCached(catalog, `${base} ${segmentText}`, false);
          // "1 inch 10 kg" after "2 inch nail 20 kg": the weight was the quantity after all.
          if (merged.product.status === 'resolved' && merged.quantity && !pending) {
            addLine(merged, merged.quantity, currentDealer, false);
            lastReading = merged;
          } else if (merged.product.status !== 'none')
            pending = { reading: merged, dealer: currentDealer, turn: line.turn };
        }
        return;
      }
      // "P.S. make 29 inch 8 nos": a correction naming only the size of one line already
      // drafted changes that line's quantity (the correction word keeps it for a person)
      if (!hasProduct && r.quantity && r.correction && r.attributes.length > 0) {
        const sized = work.filter(
          (w) =>
            w.dealer === currentDealer &&
            r.attributes.every((a) =>
              catalog.bySku
                .get(w.sku)
                ?.attributes.some((b) => b.kind === a.kind && Math.abs(b.value - a.value) < 1e-6),
            ),
        );
        const target = sized.length === 1 ? sized[0]! : null;
        const converted = target ? toSalesUnits(catalog.bySku.get(target.sku)!, r.quantity) : null;
        if (target && converted && converted.qty > 0 && !converted.fractional) {
          target.qty = converted.qty;
          last = target;
          return;
        }
      }
      if (r.uncertain && (hasProduct || r.quantity))
        reasons.push(
          reason('uncertain', `The quantity in "${r.text.trim()}" is not decided.`, r.text),
        );
      if (r.quantityConflict)
        reasons.push(
          reason('uncertain', `Two different quantities in "${r.text.trim()}".`, r.text),
        );
      if (r.product.numberInDoubt && r.quantity)
        reasons.push(
          reason(
            'uncertain',
            `In "${r.text.trim()}" a number could be the size or the quantity.`,
            r.text,
          ),
        );

      let reading = r;
      // An ambiguous mention of something already ordered refers to that line.
      if (!resolved && r.product.status === 'ambiguous') {
        const already = work.filter(
          (w) =>
            w.dealer === currentDealer &&
            r.product.candidates.some((c) => c.sku.item.sku === w.sku),
        );
        if (already.length === 1) {
          const sku = catalog.bySku.get(already[0]!.sku)!;
          reading = { ...r, product: { ...r.product, status: 'resolved', sku } };
        }
      }
      // "Havells wire 1.5 sqmm" then "red 5 coil", "black 5 coil": the lines pick members of
      // the family the heading named. Only a member the heading itself left open is taken.
      if (
        pending?.reading.product.status === 'ambiguous' &&
        !pending.reading.quantity &&
        pending.dealer === currentDealer
      )
        heading = { reading: pending.reading, dealer: pending.dealer };
      else if (resolved) heading = null;
      if (!resolved && r.quantity && heading?.dealer === currentDealer) {
        const under = readSegmentCached(catalog, `${heading.reading.text} ${segmentText}`, false);
        if (
          under.product.status === 'resolved' &&
          heading.reading.product.candidates.some((c) => c.sku === under.product.sku) &&
          under.quantity?.value === r.quantity.value
        ) {
          reading = under;
          if (pending?.reading === heading.reading) pending = null;
        }
      }
      // "make 290 as 40 bags" after "Laticrete 290 30 bags": a line already ordered, named by
      // the number of its name alone.
      if (reading === r && !hasProduct && r.quantity && r.leftoverNumbers.length > 0) {
        const meant = work.filter(
          (w) =>
            w.dealer === currentDealer &&
            r.leftoverNumbers.some((n) => nameNumbers(catalog.bySku.get(w.sku)!).has(n)),
        );
        if (meant.length === 1) {
          const sku = catalog.bySku.get(meant[0]!.sku)!;
          reading = { ...r, product: { ...r.product, status: 'resolved', sku } };
        }
      }
      // "1 ltr 10 cs" after "Bisleri 500ml 10 cs": the product carries over — all its words,
      // else only its lead words ("Jyoti 12W 50 pc" after "Jyoti 9W white bulb": not "white").
      if (
        reading === r &&
        !hasProduct &&
        r.quantity &&
        (r.attributes.length > 0 || r.unknownWords.length > 0 || r.leftoverNumbers.length > 0) &&
        lastReading
      ) {
        const previous = lastReading.product.sku;
        const lead = previous ? leadWords(catalog, lastReading, previous) : [];
        // only sizes and a quantity may ride on the lead words: "Delivery in two lots" may not
        const onlySizes = r.unknownWords.length === 0 && r.leftoverNumbers.length === 0;
        for (const words of [lastReading.productWords, onlySizes ? lead : []]) {
          if (words.length === 0) continue;
          let carried = readSegmentCached(
            catalog,
            `${words.map((t) => t.raw).join(' ')} ${segmentText}`,
            false,
          );
          if (carried.product.status === 'ambiguous' && previous)
            carried = continuingTheList(carried, previous) ?? carried;
          if (
            carried.product.status === 'resolved' &&
            carried.product.sku?.item.sku !== last?.sku
          ) {
            reading = carried;
            break;
          }
        }
      } else if (
        hasProduct &&
        !resolved &&
        r.product.status === 'ambiguous' &&
        lastReading?.product.sku &&
        reading === r
      ) {
        // "… red 5 coil and black 5 coil": try the last product's words, then only its brand/lead words.
        const previous = lastReading.product.sku;
        const head = leadWords(catalog, lastReading, previous);
        // "1.5 finolex red 6, black 6": the lead words with the sizes said, as a last try.
        const sizes = [
          ...lastReading.attributes.map((a) => a.display),
          ...lastReading.product.usedNumbers,
        ].join(' ');
        const tries = [lastReading.productWords.map((t) => t.raw), head.map((t) => t.raw)];
        // Only for a segment that says nothing but product words and its quantity.
        const bare =
          r.attributes.length === 0 &&
          r.product.usedNumbers.length === 0 &&
          r.unknownWords.length === 0 &&
          r.leftoverNumbers.length === 0;
        if (sizes && head.length > 0 && bare) tries.push([...head.map((t) => t.raw), sizes]);
        for (const words of tries) {
          if (words.length === 0) continue;
          const carried = readSegmentCached(catalog, `${words.join(' ')} ${segmentText}`, false);
          // Carried words only fill in what the segment left out: the SKU they settle on must be
          // of the last product's family and explain every word the segment said ("putti jk"
          // after "dist wht" is not Birla White putty because "white" came along).
          if (
            carried.product.status === 'resolved' &&
            (r.product.candidates.some((c) => c.sku === carried.product.sku) ||
              (r.quantity !== null && r.product.candidates.length >= MAX_LISTED_CANDIDATES)) &&
            explainsWords(catalog, carried.product.sku!, r) &&
            carried.product.sku!.headTerms.some((t) => previous.headTerms.includes(t))
          ) {
            reading = carried;
            break;
          }
        }
      }
      const readingResolved = reading.codeSku !== null || reading.product.status === 'resolved';
      const readingHasProduct = reading.codeSku !== null || reading.product.status !== 'none';

      if (readingHasProduct) {
        if (pending && pending.reading !== reading) {
          if (reading.correction || (turnCorrection ??= correctsTurn(lines, line.turn)))
            pending = null;
          else flagPending();
        }
        const qty = reading.quantity ?? eachQty;
        if (reading.each && reading.quantity) {
          eachQty = reading.quantity;
          giveEach(reading.quantity);
        }
        if (!qty) {
          // "White gloss plus nahi, normal wala": a product turned down, not a line to ask about.
          if (DECLINED.test(latin(reading.text))) return;
          pending = { reading, dealer: currentDealer, turn: line.turn };
          if (readingResolved) lastReading = reading;
          return;
        }
        if (!readingResolved) {
          reasons.push(
            reason(
              reading.product.status === 'ambiguous' ? 'ambiguous_product' : 'unknown_product',
              `"${reading.text.trim()}" could be several products.`,
              reading.text,
              candidatesOf(reading),
            ),
          );
          addGuess(reading, qty);
          return;
        }
        if (reading.unitInDoubt !== null && reading.quantity === qty) {
          reasons.push(
            reason(
              'uncertain',
              `In "${reading.text.trim()}" the quantity is followed by "${reading.unitInDoubt}": check the unit.`,
              reading.text,
              candidatesOf(reading),
            ),
          );
        }
        // (a word beside the product the catalog does not know raises no doubt here: the review
        // policy accounts for it like every other word, closed world)
        const isKnown = work.some(
          (w) =>
            w.sku ===
              (reading.codeSku !== null
                ? catalog.skus[reading.codeSku]!.item.sku
                : reading.product.sku!.item.sku) && w.dealer === currentDealer,
        );
        const replace = isKnown && (reading.correction || (lineCorrection ??= correctsLine(text)));
        addLine(reading, qty, currentDealer, replace);
        lastReading = reading;
        return;
      }
      if (reading.quantity) {
        if (pending) {
          let p = pending.reading;
          pending = null;
          // "Chusak, 100ml 1 peti": a size said with the quantity names the member, whatever
          // the bare mention was taken for.
          if (reading.attributes.length > 0 && p.codeSku === null) {
            const merged = readSegmentCached(catalog, `${p.text} ${segmentText}`, false);
            p = {
              ...merged,
              product: merged.product.status === 'none' ? p.product : merged.product,
            };
          }
          if (p.codeSku !== null || p.product.status === 'resolved') {
            // The line is read from both segments: its source says so, for the reviewer and the policy.
            addLine(
              { ...p, text: `${p.text}, ${segmentText}` },
              reading.quantity,
              currentDealer,
              false,
            );
            lastReading = p;
          } else {
            reasons.push(
              reason(
                'ambiguous_product',
                `"${p.text.trim()}" could be several products.`,
                p.text,
                candidatesOf(p),
              ),
            );
            addGuess(p, reading.quantity);
          }
          return;
        }
        // A segment that says more than a quantity ("5 box 500", "20:20:0:13 50 bori") is a line
        // we could not read: never a silent repeat, nor a correction of the line before.
        // (A bare number among other words is chatter: "pichli baar 2 item miss".)
        const saysMore =
          reading.quantity.kind !== 'bare' &&
          (reading.attributes.length > 0 ||
            reading.unknownWords.length > 0 ||
            reading.leftoverNumbers.length > 0);
        if (
          last &&
          !saysMore &&
          (reading.correction || (turnCorrection ??= correctsTurn(lines, line.turn)))
        ) {
          const sku = catalog.bySku.get(last.sku)!;
          const converted = toSalesUnits(sku, reading.quantity);
          if (converted.qty > 0) last.qty = converted.qty;
          return;
        }
        // A read-back of the last line's quantity ("10 buckets, noted") adds nothing.
        if (
          !saysMore &&
          last &&
          catalog.bySku.get(last.sku) &&
          toSalesUnits(catalog.bySku.get(last.sku)!, reading.quantity).qty === last.qty
        )
          return;
        if (reading.quantity.kind !== 'bare') {
          reasons.push(
            reason(
              'leftover_text',
              `"${reading.text.trim()}" has a quantity but no product we know.`,
              reading.text,
            ),
          );
        }
      }
    });
  }
  flagPending();
  return { lines: work, reasons };
}

/**
 * "Hari Om: dap 30, urea 60. Mishra Beej: urea 40 bag" on one line: each dealer a rep names
 * starts a line of its own, so what comes before a name is never given to that dealer.
 */
function splitAtDealerMentions(
  directory: Directory,
  lines: SourceLine[],
  dealers: Set<string>,
): SourceLine[] {
  const out: SourceLine[] = [];
  for (const line of lines) {
    let rest = line.text;
    // A line names a handful of dealers at most; the bound only guards against a loop.
    for (let n = 0; n < 20; n++) {
      const first = firstDealerMention(directory, rest, dealers);
      if (!first) break;
      if (rest.slice(0, first.start).trim() !== '') {
        out.push({ ...line, text: rest.slice(0, first.start) });
        rest = rest.slice(first.start);
        continue;
      }
      // The line starts with a dealer: look for the next one after it.
      const after = ' '.repeat(first.end) + rest.slice(first.end);
      const next = firstDealerMention(directory, after, dealers);
      if (!next || next.start <= first.end) break;
      out.push({ ...line, text: rest.slice(0, next.start) });
      rest = rest.slice(next.start);
    }
    out.push({ ...line, text: rest });
  }
  return out;
}

/** Every word of the reading that names something in the catalog names something of this SKU. */
/**
 * "Jyoti MCB 6A 12 pc, 10A 12 pc, 32A 12 pc": a list goes on with the kind it started with.
 * Among equally fitting SKUs, the one alone in sharing the most name words with the line
 * before (SP with SP); none when that does not single one out. The line stays a doubt for the
 * review policy: its words alone do not single it out.
 */
/** The words a reading led its SKU with (brand, first name word), as written: "Hawells" too. */
function leadWords(catalog: CompiledCatalog, reading: SegmentReading, sku: CompiledSku) {
  return reading.productWords.filter((t) =>
    resolveTerms(catalog, t.norm).some((h) => sku.headTerms.includes(h.term)),
  );
}

const LIST_TIE = 0.8;
function continuingTheList(reading: SegmentReading, previous: CompiledSku): SegmentReading | null {
  const top = reading.product.candidates[0]?.score ?? 0;
  const tied = reading.product.candidates.filter((c) => c.score >= top * LIST_TIE);
  if (tied.length < 2) return null;
  const before = new Set(previous.terms);
  const shared = tied.map((c) => c.sku.terms.filter((t) => before.has(t)).length);
  const best = Math.max(...shared);
  if (shared.filter((n) => n === best).length !== 1) return null;
  const sku = tied[shared.indexOf(best)]!.sku;
  return { ...reading, product: { ...reading.product, status: 'resolved', sku } };
}

function explainsWords(
  catalog: CompiledCatalog,
  sku: CompiledSku,
  reading: SegmentReading,
): boolean {
  const own = new Set(sku.allTerms);
  return reading.productWords.every((w) => {
    const hits = resolveTerms(catalog, w.norm);
    return hits.length === 0 || hits.some((h) => own.has(h.term));
  });
}

const INTRODUCTION = /\b(bol (raha|rahi) (hoon|hu|hun|hai)|speaking|this is [a-z]+ from)\b/i;
const DECLINED = /\b(nahi|nahin|not|no)\s*[.!]*\s*$/i;

/** "Shifa Medical — Fusizen cream 10": a table row that starts with its Dealer cell. */
function startsWithDealerCell(text: string): boolean {
  const end = text.indexOf(DEALER_CELL_END);
  return end >= 2 && end <= 60 && !/\d/.test(text.slice(0, end));
}

/** The product words of a reading; a code names its SKU outright. */
function productTerms(reading: SegmentReading): string[] {
  return reading.codeSku !== null ? [] : reading.productWords.map((t) => t.norm);
}

/** One mention's words contain the other's (or a code named it): the same product again. */
function namedAlike(first: string[], reading: SegmentReading): boolean {
  const second = productTerms(reading);
  if (first.length === 0 || second.length === 0) return true;
  const a = new Set(first);
  const b = new Set(second);
  return first.every((w) => b.has(w)) || second.every((w) => a.has(w));
}

/** A line of the turn takes something back ("nahi", "sorry", "make it", "no no"). */
function correctsTurn(lines: SourceLine[], turn: number): boolean {
  return lines.some(
    (l) =>
      l.turn === turn &&
      /\b(nahi|nahin|sorry|galat|make it|no no|correction)\b|\bno,/i.test(latin(l.text)),
  );
}

/** "*maggi 12 case, not 10": a chat correction; the whole line replaces, not adds. */
function correctsLine(text: string): boolean {
  return (
    /^\s*\*/.test(text) ||
    hasCorrectionCue(tokenize(normalizeText(text)), ' ' + text.toLowerCase() + ' ')
  );
}

/** "box" → "boxes", "case" → "cases": for messages a person reads. */
function plural(word: string): string {
  return /(s|x|z|ch|sh)$/i.test(word) ? `${word}es` : `${word}s`;
}
