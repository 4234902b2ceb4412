/**
 * Tamil script → Latin as people write Tamil in Latin letters ("வணக்கம்" vanakkam, "அனுப்புங்க"
 * anuppunga, "நன்றி" nandri, "பெட்டி" petti). Tamil writes no voicing, so Sanscript's Sanskrit
 * reading ("bhadhdhu" for "pathu") meets nothing; this reads each letter unvoiced, with the few
 * clusters Latin writers spell by sound: ங்க "ng", ன்ற "ndr", ந்த "nd", ண்ட "nd", த்த "th", ஃப "f".
 */
const CONSONANTS: Record<string, string> = {
  க: 'k',
  ங: 'n',
  ச: 'ch',
  ஞ: 'ny',
  ட: 't',
  ண: 'n',
  த: 'th',
  ந: 'n',
  ப: 'p',
  ம: 'm',
  ய: 'y',
  ர: 'r',
  ல: 'l',
  வ: 'v',
  ழ: 'zh',
  ள: 'l',
  ற: 'r',
  ன: 'n',
  ஜ: 'j',
  ஷ: 'sh',
  ஸ: 's',
  ஹ: 'h',
};
const VOWELS: Record<string, string> = {
  அ: 'a',
  ஆ: 'aa',
  இ: 'i',
  ஈ: 'ee',
  உ: 'u',
  ஊ: 'oo',
  எ: 'e',
  ஏ: 'e',
  ஐ: 'ai',
  ஒ: 'o',
  ஓ: 'o',
  ஔ: 'au',
};
const SIGNS: Record<string, string> = {
  'ா': 'aa',
  'ி': 'i',
  'ீ': 'ee',
  'ு': 'u',
  'ூ': 'oo',
  'ெ': 'e',
  'ே': 'e',
  'ை': 'ai',
  'ொ': 'o',
  'ோ': 'o',
  'ௌ': 'au',
};
const VIRAMA = '்';
const AYTHAM = 'ஃ';
/** Clusters spelt by sound, checked before letter by letter. */
const CLUSTERS: [string, string][] = [
  ['ங்க', 'ng'],
  ['ன்ற', 'ndr'],
  ['ந்த', 'nd'],
  ['ண்ட', 'nd'],
  ['த்த', 'th'],
  ['ஃப', 'f'],
];

export const TAMIL = /\p{Script=Tamil}/u;

export function transliterateTamil(word: string): string {
  let out = '';
  let i = 0;
  while (i < word.length) {
    const cluster = CLUSTERS.find(([written]) => word.startsWith(written, i));
    let consonant: string | undefined;
    if (cluster) {
      consonant = cluster[1];
      i += cluster[0].length;
    } else {
      const ch = word[i]!;
      if (VOWELS[ch] !== undefined) {
        out += VOWELS[ch];
        i++;
        continue;
      }
      consonant = CONSONANTS[ch];
      i++;
      if (consonant === undefined) {
        if (ch !== AYTHAM) out += ch;
        continue;
      }
    }
    // the consonant's vowel: a sign after it, none after the virama, else the inherent "a"
    // ச starts a word as "s" ("சார்" saar), "ch" elsewhere
    if (consonant === 'ch' && out === '') consonant = 's';
    const next = word[i];
    if (next === VIRAMA) {
      out += consonant;
      i++;
    } else if (next !== undefined && SIGNS[next] !== undefined) {
      out += consonant + SIGNS[next];
      i++;
    } else out += consonant + 'a';
  }
  return out;
}
