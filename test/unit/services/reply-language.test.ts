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
});

describe('replyLanguage', () => {
  it("keeps a dealer's own setting, else follows the conversation", () => {
    expect(replyLanguage('hi', 'en')).toBe('hi');
    expect(replyLanguage('en', 'hi')).toBe('hi');
    expect(replyLanguage('en', null)).toBe('en');
    expect(replyLanguage(undefined, undefined)).toBe('en');
  });
});
