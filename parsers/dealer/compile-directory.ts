/**
 * Dealers and reps indexed by how a message identifies them: the sender's phone or
 * email, a dealer code written in the text, or the dealer's trading name.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { DealerEntry, RepEntry } from '../types.js';
import { normalizeText, tokenize } from '../text/tokenize.js';

export interface Directory {
  dealers: DealerEntry[];
  reps: RepEntry[];
  defaultRegion: string;
  byCode: Map<string, DealerEntry>;
  byPhone: Map<string, DealerEntry>;
  byEmail: Map<string, DealerEntry>;
  repByPhone: Map<string, RepEntry>;
  repByEmail: Map<string, RepEntry>;
  /** Name words of each dealer, and how many dealers share each word. */
  nameWords: Map<string, string[]>;
  wordDf: Map<string, number>;
  /** Name word → dealers whose name has it, and name words by first letter for loose lookup. */
  dealersByWord: Map<string, DealerEntry[]>;
  wordsByLetter: Map<string, string[]>;
  /** Name word → dealers for whom it is the rarest name word: a name is only read when that is written. */
  dealersByRarestWord: Map<string, DealerEntry[]>;
}

export interface CompileDirectoryInput {
  dealers: DealerEntry[];
  reps: RepEntry[];
  /** ISO 3166 region for numbers written without a country code. Default `IN`. */
  defaultRegion?: string;
}

/** Words in trading names that don't tell one dealer from another. */
const NAME_NOISE = new Set(['&', 'and', 'the', 'of', 'm/s', 'ms', 'co', 'pvt', 'ltd']);

export function dealerNameWords(name: string): string[] {
  return tokenize(normalizeText(name))
    .filter((t) => t.kind === 'word' && !NAME_NOISE.has(t.norm))
    .map((t) => t.norm);
}

export function normalizePhone(value: string, region: string): string | null {
  const phone = parsePhoneNumberFromString(value.trim(), region as CountryCode);
  return phone?.isValid() ? phone.number : null;
}

function sharedContact(contact: string, dealers: DealerEntry[]): RepEntry {
  return {
    code: `shared:${contact}`,
    name: '',
    phones: contact.includes('@') ? [] : [contact],
    emails: contact.includes('@') ? [contact] : [],
    dealers: dealers.map((d) => d.code),
    shared: true,
  };
}

export function compileDirectory(input: CompileDirectoryInput): Directory {
  const region = input.defaultRegion ?? 'IN';
  const phoneOwners = new Map<string, DealerEntry[]>();
  const emailOwners = new Map<string, DealerEntry[]>();
  const own = (map: Map<string, DealerEntry[]>, key: string, d: DealerEntry) => {
    const list = map.get(key) ?? [];
    if (!list.includes(d)) list.push(d);
    map.set(key, list);
  };
  for (const d of input.dealers) {
    for (const p of d.phones) own(phoneOwners, normalizePhone(p, region) ?? p, d);
    for (const e of d.emails) own(emailOwners, e.trim().toLowerCase(), d);
  }
  const repByPhone = new Map<string, RepEntry>();
  const repByEmail = new Map<string, RepEntry>();
  for (const r of input.reps) {
    for (const p of r.phones) repByPhone.set(normalizePhone(p, region) ?? p, r);
    for (const e of r.emails) repByEmail.set(e.trim().toLowerCase(), r);
  }
  // A contact one dealer owns names that dealer; one several share names none of them.
  const byPhone = new Map<string, DealerEntry>();
  const byEmail = new Map<string, DealerEntry>();
  for (const [owners, single, shared] of [
    [phoneOwners, byPhone, repByPhone],
    [emailOwners, byEmail, repByEmail],
  ] as const) {
    for (const [contact, dealers] of owners) {
      if (dealers.length === 1) single.set(contact, dealers[0]!);
      else shared.set(contact, sharedContact(contact, dealers));
    }
  }
  const nameWords = new Map(input.dealers.map((d) => [d.code, dealerNameWords(d.name)]));
  const wordDf = new Map<string, number>();
  for (const words of nameWords.values())
    for (const w of new Set(words)) wordDf.set(w, (wordDf.get(w) ?? 0) + 1);
  const byDealerCode = new Map(input.dealers.map((d) => [d.code, d]));
  const dealersByWord = new Map<string, DealerEntry[]>();
  for (const [code, words] of nameWords) {
    for (const w of new Set(words)) {
      const list = dealersByWord.get(w) ?? [];
      list.push(byDealerCode.get(code)!);
      dealersByWord.set(w, list);
    }
  }
  const dealersByRarestWord = new Map<string, DealerEntry[]>();
  for (const [code, words] of nameWords) {
    const rarest = Math.min(...words.map((w) => wordDf.get(w) ?? 1));
    for (const w of new Set(words)) {
      if ((wordDf.get(w) ?? 1) !== rarest) continue;
      const list = dealersByRarestWord.get(w) ?? [];
      list.push(byDealerCode.get(code)!);
      dealersByRarestWord.set(w, list);
    }
  }
  const wordsByLetter = new Map<string, string[]>();
  for (const w of dealersByWord.keys()) {
    const list = wordsByLetter.get(w[0] ?? '') ?? [];
    list.push(w);
    wordsByLetter.set(w[0] ?? '', list);
  }
  return {
    dealersByWord,
    dealersByRarestWord,
    wordsByLetter,
    dealers: input.dealers,
    reps: input.reps,
    defaultRegion: region,
    byCode: new Map(input.dealers.map((d) => [d.code.toLowerCase(), d])),
    byPhone,
    byEmail,
    repByPhone,
    repByEmail,
    nameWords,
    wordDf,
  };
}
