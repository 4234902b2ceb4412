import { describe, expect, it } from 'vitest';
import { readAmendCue } from '../../../src/services/self-service/amend-cue.js';

describe('readAmendCue', () => {
  it.each([
    ['add 2 more box modix switch 6a to my last order', '2 box modix switch 6a', null],
    ['please add 3 box lumex led 9w in the same order', '3 box lumex led 9w', null],
    ['last order mein 2 box lumex led 9w aur add karo', '2 box lumex led 9w', null],
    ['order #1042 mein 5 box modix switch 6a bhi add kar do', '5 box modix switch 6a', 1042n],
    ['add 4 coil copperline wire 2.5 sqmm to order #77', '4 coil copperline wire 2.5 sqmm', 77n],
    ['पिछले ऑर्डर में 2 बॉक्स स्विच और जोड़ दो', '2 बॉक्स स्विच', null],
  ])('adds: %s', (text, rest, orderNo) => {
    expect(readAmendCue(text)).toEqual({ kind: 'add', rest, orderNo });
  });

  it.each([
    ['remove lumex led 9w from my last order', ['lumex', 'led', '9w'], null],
    ['last order se lumex led hata do', ['lumex', 'led'], null],
    ['order #88 se modix switch nikal do please', ['modix', 'switch'], 88n],
  ])('removes: %s', (text, words, orderNo) => {
    expect(readAmendCue(text)).toEqual({ kind: 'remove', words, orderNo });
  });

  it.each([
    ['make modix switch 10 in my last order', ['modix', 'switch'], 10],
    ['last order mein modix switch 6a 4 kar do', ['modix', 'switch', '6a'], 4],
    ['make it 10 in my last order', [], 10],
  ])('sets: %s', (text, words, qty) => {
    expect(readAmendCue(text)).toEqual({ kind: 'set', words, qty, orderNo: null });
  });

  it.each([
    '2 box modix switch 6a',
    'add 2 box modix switch 6a',
    'my last order did not come',
    'add to my last order',
    'from my last order the switches were broken',
    'make it fast in my last order',
  ])('%s changes no earlier order', (text) => {
    expect(readAmendCue(text)).toBeNull();
  });
});
