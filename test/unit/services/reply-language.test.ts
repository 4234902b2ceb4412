import { describe, expect, it } from 'vitest';
import { languageOfScript, replyLanguage } from '../../../src/services/reply-language.js';

describe('languageOfScript', () => {
  it.each([
    ['इंटीरियर व्हाइट 20 लीटर 2 बाल्टी भेज दो', 'hi'],
    ['2 bucket interior white 20L bhej do', 'en'],
    ['भैया 2 bucket interior white', 'en'],
    ['भैया, दो बाल्टी इंटीरियर white', 'hi'],
    ['👍', null],
    ['2', null],
  ])('%j → %s', (text, language) => expect(languageOfScript(text)).toBe(language));

  it.each([
    // Hindi in Latin letters: at least 2 markers, at least a quarter of the words
    ['bhai 5 peti tata salt bhej do', 'hi-Latn'],
    ['mera order kab aayega?', 'hi-Latn'],
    ['balance kitna hai', 'hi-Latn'],
    ['Bhai, 5 PETI Tata Salt BHEJ DO', 'hi-Latn'],
    ['haan ji', 'hi-Latn'],
    // English, including English "do" and a lone "me"
    ['please send 5 cases of salt', 'en'],
    ['Pls process today. 30 bag salt', 'en'],
    ['do you have stock of 10 kg bags', 'en'],
    ['send me the bill', 'en'],
    // one marker is not enough
    ['khata bhej do', 'en'],
    ['haan', 'en'],
    // two markers lost among many English words
    ['bhai please send 10 box voltra mcb 16a and 5 coil copperline wire 2.5 sqmm today kal', 'en'],
    // Devanagari and too few letters as before
    ['मुझे 5 पेटी भेजो', 'hi'],
    ['ok', null],
  ])('%j → %s', (text, language) => expect(languageOfScript(text)).toBe(language));
});

describe('replyLanguage', () => {
  it("keeps a dealer's own setting, else follows the conversation", () => {
    expect(replyLanguage('hi', 'en')).toBe('hi');
    expect(replyLanguage('en', 'hi')).toBe('hi');
    expect(replyLanguage('en', null)).toBe('en');
    expect(replyLanguage(undefined, undefined)).toBe('en');
  });
});
