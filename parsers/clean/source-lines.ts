/**
 * The text that can carry the order, by channel: a call's caller turns, an email's new part (or the
 * quoted order it asks to process, or its subject when the body is empty), a chat's lines. Tables
 * are rewritten into one line per row.
 */
import type { CompiledCatalog } from '../match/compile-catalog.js';
import type { ParseRequest } from '../types.js';
import { readSegmentCached } from '../rules/read-segment-cached.js';
import { readTables } from '../rules/read-table.js';
import { splitSegments } from '../rules/split-segments.js';
import { latin } from '../text/latin.js';
import { htmlToPlain } from './html-to-plain.js';
import { takeSheetMarker } from './sheet-marker.js';
import { quotedBody, splitEmail } from './split-email.js';
import { signOffLines, stripSignature } from './strip-signature.js';
import { splitTranscript } from './split-transcript.js';

export interface SourceLine {
  text: string;
  /** Lines of one transcript turn share a turn number; corrections look within it. */
  turn: number;
}

const CLARIFYING = /\bconfirm\b|\bwhich\b|\bkaun ?sa\b|\?/i;
/** A line our question quoted: “…” or "…" of a few words. */
const QUOTED_LINE = /["“]([^"“”\n]{3,80})["”]/;
/** … in single quotes, as whole words ('Aluminium container 750ml - 20 box') … */
const SINGLE_QUOTED_LINE = /(?:^|\s)['‘]([^'’\n]{3,80})['’](?=[\s.,;:!?]|$)/;
/** … or named after "your order for" up to where the question starts. */
const ASKED_LINE =
  /\border (?:for|of)\s+(.{3,80}?)(?:\s+(?:does not|doesn't|did not|didn't|is not|isn't|has no|needs|without|-\s*please)\b|\s[—–-]\s|[,;?(]\s?|\.\s|:)/i;
/** "Sir,", "Dear Team,", "Hi Ravi,": a salutation line above the answer. */
const SALUTATION = /^\s*(\p{L}+\s?){1,3},\s*$/u;
const USE_QUOTED = /\b(process|repeat|same|below|forward(ed)?|neeche|as per)\b/;

/** The text that can carry the order, by channel. */
export function sourceLines(
  message: ParseRequest,
  catalog: CompiledCatalog,
): {
  lines: SourceLine[];
  usedQuoted: boolean;
  intentText: string;
  agentLines: SourceLine[];
  /** Text that carries no line but asked for them (the new part of a mail that forwards an order). */
  frame: SourceLine[];
  /** The sign-off line the signature was cut at: the writer's words, after the lines. */
  closing: SourceLine[];
  /** A channel adapter read attached order sheets (or a photo's text) into the text. */
  sheetsRead: boolean;
} {
  if (message.channel === 'transcript') {
    const turns = splitTranscript(message.text);
    if (turns) {
      const numbered = turns.map((t, i) => ({ ...t, i }));
      const caller = numbered.filter((t) => t.caller);
      return {
        lines: caller.map((t) => ({ text: t.text, turn: t.i })),
        usedQuoted: false,
        intentText: caller.map((t) => t.text).join('\n'),
        agentLines: numbered.filter((t) => !t.caller).map((t) => ({ text: t.text, turn: t.i })),
        frame: [],
        closing: [],
        sheetsRead: false,
      };
    }
  }
  if (message.channel === 'email') {
    const sheet = takeSheetMarker(htmlToPlain(message.text));
    const { fresh, quoted } = splitEmail(sheet.text);
    let lines = toLines(fresh);
    let usedQuoted = false;
    let answered = false;
    if (
      !hasAnyOrderLine(catalog, lines) &&
      quoted.trim() &&
      USE_QUOTED.test(latin(fresh + ' ' + (message.subject ?? '')))
    ) {
      const quotedLines = toLines(quotedBody(splitEmail(quoted).fresh || quoted));
      if (hasAnyOrderLine(catalog, quotedLines)) {
        lines = quotedLines;
        usedQuoted = true;
      }
    }
    // "White hi bhejiye" answering our quoted "For your order line "Kailash enamel 4L x 6 tin"
    // please confirm the shade": the answer completes the line the question quoted.
    let beforeAnswer: SourceLine[] = [];
    let afterAnswer: SourceLine[] = [];
    if (!hasAnyOrderLine(catalog, lines) && CLARIFYING.test(quoted)) {
      // the first line that says something: "Sir," above "yes, Nexa only." is no answer
      const freshLines = toLines(fresh).filter((l) => l.text.trim() !== '');
      const at = freshLines.findIndex((l) => !SALUTATION.test(l.text));
      const answer = at < 0 ? '' : freshLines[at]!.text.trim();
      // (a line named without quotes only for a bare answer: "Red.", "Grey only.")
      const asked =
        QUOTED_LINE.exec(quoted)?.[1] ??
        SINGLE_QUOTED_LINE.exec(quoted)?.[1] ??
        (/\d/.test(answer) ? undefined : ASKED_LINE.exec(quoted)?.[1]);
      const completed = asked && answer ? [{ text: `${asked} ${answer}`, turn: 0 }] : [];
      if (completed.length > 0 && hasAnyOrderLine(catalog, completed)) {
        lines = completed;
        usedQuoted = true;
        answered = true;
        // every other word of the new part is still the writer's: the policy reads it too
        beforeAnswer = freshLines.slice(0, at);
        afterAnswer = freshLines.slice(at + 1);
      }
    }
    if (!hasAnyOrderLine(catalog, lines) && message.subject) {
      const subject = [
        { text: message.subject.replace(/^\s*((re|fw|fwd)\s*:\s*)+/i, ''), turn: -1 },
      ];
      if (hasAnyOrderLine(catalog, subject)) lines = [...subject, ...lines];
    }
    return {
      lines,
      usedQuoted,
      intentText: lines.map((l) => l.text).join('\n') + '\n' + (usedQuoted ? '' : fresh),
      agentLines: [],
      frame: usedQuoted && !answered ? toLines(fresh) : beforeAnswer,
      closing: [...afterAnswer, ...signOff(fresh)],
      sheetsRead: sheet.sheetsRead,
    };
  }
  // WhatsApp files read into the text (an order sheet, a photo's text) carry the same marker.
  const sheet =
    message.channel === 'whatsapp'
      ? takeSheetMarker(message.text)
      : { text: message.text, sheetsRead: false };
  const lines = toLines(sheet.text);
  return {
    lines,
    usedQuoted: false,
    intentText: sheet.text,
    agentLines: [],
    frame: [],
    closing: signOff(sheet.text),
    sheetsRead: sheet.sheetsRead,
  };
}

/** The sign-off line a signature was cut at, as a line the policy accounts for. */
function signOff(text: string): SourceLine[] {
  return signOffLines(text).map((line) => ({ text: line, turn: -1 }));
}

/** A body's lines, signature cut and tables read as rows; each line its own turn. */
function toLines(text: string): SourceLine[] {
  return readTables(stripSignature(text).split(/\r?\n/)).lines.map((text, turn) => ({
    text,
    turn,
  }));
}

function hasAnyOrderLine(catalog: CompiledCatalog, lines: SourceLine[]): boolean {
  return lines.some((l) =>
    splitSegments(catalog, l.text).some((s) => {
      const r = readSegmentCached(catalog, s, false);
      return (r.product.status !== 'none' || r.codeSku !== null) && r.quantity !== null;
    }),
  );
}
