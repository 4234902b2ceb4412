/**
 * A call whose caller's words were hard to read, whose agent read the order back and got a yes
 * (parsers/review/confirmed-read-back.ts): the read-back's draft goes through only when every
 * word on both sides is still accounted for.
 */
import { describe, expect, it } from 'vitest';
import {
  AGENT_PROMPTS,
  FRAMING,
  NOTHING_MORE,
  SAYING_YES,
} from '../../../parsers/lexicon/framing.js';
import { CLOSED_CLASSES } from '../../../parsers/lexicon/closed-classes.js';
import { wordSet } from '../../../parsers/lexicon/lexicon.js';
import { linesOf, loadWorld } from '../../support/parser-fixtures.js';

const paints = loadWorld('paints');
const VERMA = '+919811100001';

function call(...turns: string[]) {
  return paints.parse({ from: VERMA, channel: 'transcript', text: turns.join('\n') });
}

/** Apex White comes in 20, 10 and 4 litres: the caller's words leave the size open. */
const HEARD = 'Caller: Verma Hardware se. Apex white ek bucket, primer ek.';
const READ_BACK = 'Agent: Apex White 20L 1 bucket, primer 1 bucket. Correct?';

describe('a confirmed read-back', () => {
  it('is the draft when the caller said yes and nothing the caller said is left over', () => {
    const result = call('Agent: Sharma Paints, namaste.', HEARD, READ_BACK, 'Caller: Haan.');
    expect(result.needs_review).toBe(false);
    expect(linesOf(result)).toEqual(['H01 PNT-APX-W20 x1', 'H01 PRM-APW-20 x1']);
    // the lines are the agent's words, for the person who opens the order later
    expect(result.orders[0]!.lines.map((l) => l.source)).toEqual([
      'Apex White 20L 1 bucket',
      'primer 1 bucket',
    ]);
    // "Ho barobar", "Avunu", "That's it": yes in other words
    for (const yes of ['Ho barobar.', 'Avunu sir.', "That's it."])
      expect(call(HEARD, READ_BACK, `Caller: ${yes}`).needs_review, yes).toBe(false);
  });

  it('takes an earlier question the caller answered, and a delivery note beside the yes', () => {
    const asked = call(
      'Caller: Verma Hardware se. Apex white ek bucket, primer ek.',
      'Agent: Apex white 20 litre ya 10 litre?',
      'Caller: 20.',
      READ_BACK,
      'Caller: Haan. Kal tak pahunch jaave.',
    );
    expect(asked.needs_review).toBe(false);
    expect(linesOf(asked)).toEqual(['H01 PNT-APX-W20 x1', 'H01 PRM-APW-20 x1']);
    // a question about anything else is no choice between the read-back's siblings
    expect(
      call(HEARD, 'Agent: Pichla order cancel karun?', 'Caller: 20.', READ_BACK, 'Caller: Haan.')
        .needs_review,
    ).toBe(true);
  });

  it('is not taken when the caller adds, changes or takes back anything', () => {
    // more after the read-back
    expect(call(HEARD, READ_BACK, 'Caller: Haan. Aur bison 5 bag.').needs_review).toBe(true);
    // no yes at all
    expect(call(HEARD, READ_BACK, 'Caller: Rate kya hai?').needs_review).toBe(true);
    /** The caller said this, the agent read back that, the caller said yes. */
    const heardAndConfirmed = (caller: string, agent = READ_BACK) =>
      call(`Caller: Verma Hardware. ${caller}`, agent, 'Caller: Haan.').needs_review;
    // a line the caller took back, read back anyway
    expect(heardAndConfirmed('Apex white ek bucket, primer ek nahi chahiye.')).toBe(true);
    // a line the caller said and the agent left out
    expect(heardAndConfirmed('Apex white ek bucket, primer ek, bison 5 bag.')).toBe(true);
    // another quantity read back than the caller said
    const twoBuckets = 'Agent: Apex White 20L 2 bucket, primer 1 bucket.';
    expect(heardAndConfirmed('Apex white ek bucket, primer ek.', twoBuckets)).toBe(true);
    // words nobody can explain, the caller's or the agent's
    expect(call(HEARD, 'Caller: zorvik pelatu.', READ_BACK, 'Caller: Haan.').needs_review).toBe(
      true,
    );
    expect(call(HEARD, READ_BACK, 'Agent: zorvik pelatu', 'Caller: Haan.').needs_review).toBe(true);
  });

  it("holds the agent's own words to the same account", () => {
    // a greeting may name the distributor, even with catalog words; nothing may return or ask
    expect(
      call('Agent: Sharma Paints, namaste.', HEARD, READ_BACK, 'Caller: Ho.').needs_review,
    ).toBe(false);
    expect(
      call('Agent: Please take back these, damaged:', HEARD, READ_BACK, 'Caller: Haan.')
        .needs_review,
    ).toBe(true);
    expect(
      call(HEARD, 'Agent: Apex White 20L 1 bucket, primer 1 bucket. Rate bataun?', 'Caller: Haan.')
        .needs_review,
    ).toBe(true);
    // another dealer named by the agent
    expect(
      call(HEARD, `Agent: New India Paint House ke liye? ${READ_BACK.slice(7)}`, 'Caller: Haan.')
        .needs_review,
    ).toBe(true);
  });

  it('is read only in calls: a chat with the same words goes to a person', () => {
    const chat = paints.parse({
      from: VERMA,
      text: [HEARD, READ_BACK, 'Haan.'].map((t) => t.replace(/^\w+: /, '')).join('\n'),
    });
    expect(chat.needs_review).toBe(true);
  });
});

describe('the words of a call', () => {
  it('say yes with framing words only, and the prompts hold only what they must', () => {
    const framing = wordSet(FRAMING);
    for (const w of [...wordSet(SAYING_YES), ...wordSet(NOTHING_MORE)])
      expect(framing.has(w), w).toBe(true);
    // on the agent's side only: "read back" and "repeat" point at what was said, "tell me" and
    // "bataiye" ask the caller to go on
    const prompts = wordSet(AGENT_PROMPTS);
    const closed = Object.entries(CLOSED_CLASSES).flatMap(([cls, list]) =>
      [...wordSet(list)].filter((w) => prompts.has(w)).map((w) => `${cls}:${w}`),
    );
    expect(closed.sort()).toEqual([
      'enquiry:bataiye',
      'enquiry:batao',
      'enquiry:tell',
      'history:repeat',
      'return:back',
    ]);
  });
});
