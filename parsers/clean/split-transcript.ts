/**
 * A call transcript: the caller's turns carry the order; the agent's read-back
 * only repeats it and must not double the lines. Speaker labels, timestamps and
 * "[call disconnected]" notes are dropped.
 */
export interface Turn {
  speaker: string;
  caller: boolean;
  text: string;
}

const LABEL =
  /^\s*(?:\[[\d:.\s]+\]\s*)?([\p{L}][\p{L}\p{M} .'’-]{0,30}?|speaker\s*\d+)\s*:\s*(.*)$/iu;
const AGENT = /\b(agent|executive|operator|csr|support|staff|desk|distributor|एजेंट)\b|^एजेंट$/iu;

export function splitTranscript(text: string): Turn[] | null {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  // "Return for credit note:" with nothing after it is a heading, not a speaker's turn
  const parsed = lines.map((l) => {
    const m = LABEL.exec(l);
    return m && m[2]!.trim() !== '' ? m : null;
  });
  const labelled = parsed.filter((m) => m !== null).length;
  if (labelled < Math.max(1, Math.ceil(lines.length / 2))) return null;
  const speakers: string[] = [];
  const turns: { speaker: string; text: string }[] = [];
  parsed.forEach((m, i) => {
    if (m) {
      const speaker = m[1]!.trim().toLowerCase();
      if (!speakers.includes(speaker)) speakers.push(speaker);
      turns.push({ speaker, text: m[2]!.replace(/\[[^\]]*\]/g, ' ').trim() });
    } else {
      const note = lines[i]!.replace(/\[[^\]]*\]/g, ' ').trim();
      // A line before any turn ("Return for credit note:") is whoever filed the call: read as
      // the caller's words, never dropped unseen.
      if (note && turns.length === 0) turns.push({ speaker: '', text: note });
      else if (note) turns[turns.length - 1]!.text += ' ' + note;
    }
  });
  let agents = speakers.filter((s) => AGENT.test(s));
  // With neutral labels ("speaker 1"), whoever speaks first answered the phone.
  if (agents.length === 0 && speakers.length > 1) agents = [speakers[0]!];
  return turns.map((t) => ({ ...t, caller: t.speaker === '' || !agents.includes(t.speaker) }));
}
