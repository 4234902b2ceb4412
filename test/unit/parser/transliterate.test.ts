import { describe, expect, it } from 'vitest';
import {
  hasIndicScript,
  transliterateLetters,
  transliterateWord,
} from '../../../parsers/text/transliterate.js';
import { CLOSED_CLASSES } from '../../../parsers/lexicon/closed-classes.js';
import { FRAMING } from '../../../parsers/lexicon/framing.js';
import { wordSet } from '../../../parsers/lexicon/lexicon.js';
import { CARDINAL_WORDS } from '../../../parsers/lexicon/numbers.js';
import { SCRIPT_LOANWORDS } from '../../../parsers/lexicon/loanwords.js';
import { SCRIPT_CARDINALS } from '../../../parsers/lexicon/script-numbers.js';

describe('transliteration of Indian scripts', () => {
  it.each([
    // northern scripts: ITRANS without capitals, the inherent final vowel dropped
    ['मैगी', 'maigi'],
    ['दोन', 'don'],
    ['ચાર', 'char'],
    ['પાંચ', 'panch'],
    ['দুই', 'dui'],
    ['এবং', 'eban'],
    ['ਪੰਜ', 'panj'],
    // Gurmukhi's addak doubles the next consonant
    ['ਡੱਬੇ', 'dabbe'],
    ['ਜੋੜੀ', 'jodi'], // the flapped ੜ as "d", as Devanagari's ड़
    ['ଚାରି', 'chari'],
    // southern scripts: long vowels doubled, as Latin writers of these languages write them
    ['ನಾಲ್ಕು', 'naalku'],
    ['ಎರಡು', 'eradu'],
    ['నాలుగు', 'naalugu'],
    ['పంపండి', 'pampandi'],
    ['రెండు', 'rendu'],
    // a nasal ending a word is "m"
    ['വേണം', 'venam'],
    ['നമസ്കാരം', 'namaskaaram'],
    // Malayalam's chillu letters end a word with its consonant
    ['സർ', 'sar'],
    ['അവൻ', 'avan'],
    // Tamil, unvoiced letter by letter, with the clusters Latin writers spell by sound
    ['ரெண்டு', 'rendu'],
    ['வணக்கம்', 'vanakkam'],
    ['அனுப்புங்க', 'anuppunga'],
    ['நன்றி', 'nandri'],
    ['பத்து', 'pathu'],
    ['சார்', 'saar'],
    ['வேண்டாம்', 'vendaam'],
    // Latin passes through
    ['maggi', 'maggi'],
  ])('%s → %s', (word, latin) => {
    expect(transliterateWord(word)).toBe(latin);
  });

  it('meets the Latin number words of the same language', () => {
    const cardinals = wordSet(CARDINAL_WORDS);
    for (const word of ['ಆರು', 'ನಾಲ್ಕು', 'నాలుగు', 'రెండు', 'ચાર', 'ਪੰਜ'])
      expect(cardinals.has(transliterateWord(word)), word).toBe(true);
  });

  it('gives a number word whose letters miss its Latin spelling that spelling', () => {
    const cardinals = wordSet(CARDINAL_WORDS);
    for (const word of ['ஐந்து', 'രണ്ട്', 'പത്ത്', 'ఏడు', 'ছয়'])
      expect(cardinals.has(transliterateWord(word)), word).toBe(true);
    // a word of another script with the same letters ("चे", of) would be read as the number:
    // no listed spelling's letters may be a word the lexicons already give a meaning
    const known = new Set([
      ...wordSet(FRAMING),
      ...Object.values(CLOSED_CLASSES).flatMap((list) => [...wordSet(list)]),
    ]);
    for (const [latin, written] of Object.entries(SCRIPT_CARDINALS)) {
      expect(cardinals.has(latin), latin).toBe(true);
      for (const w of written) {
        expect(transliterateWord(w), w).toBe(latin);
        expect(known.has(transliterateLetters(w)), w).toBe(false);
      }
    }
  });

  it('tells Indian scripts from Latin text', () => {
    expect(hasIndicScript('CEAT Zoom ಆರು')).toBe(true);
    expect(hasIndicScript('CEAT Zoom six')).toBe(false);
  });

  it('gives an English trade word written in a script its English spelling', () => {
    for (const [word, english] of <[string, string][]>[
      ['বক্স', 'box'],
      ['లీటర్', 'litre'],
      ['கேன்', 'can'],
      ['ಕ್ಯಾನ್', 'can'],
      ['ডজন', 'dozen'],
      ['पैकेट', 'packet'],
      ['ബോക്സ്', 'box'],
    ])
      expect(transliterateWord(word), word).toBe(english);
    // every listed spelling meets its word, and no two words share a spelling
    const seen = new Map<string, string>();
    for (const [english, written] of Object.entries(SCRIPT_LOANWORDS))
      for (const w of written) {
        expect(transliterateWord(w), w).toBe(english);
        expect(seen.get(w) ?? english, w).toBe(english);
        seen.set(w, english);
      }
    // other words of the script are read letter by letter as before
    expect(transliterateWord('ডাল')).toBe('dal');
  });
});
