import { describe, expect, it } from 'vitest';
import { findReferences } from '../../../parsers/review/references.js';
import { normalizeText, tokenize } from '../../../parsers/text/tokenize.js';

/** The text with every token the rule takes for a reference in brackets. */
function marked(text: string): string {
  const tokens = tokenize(normalizeText(text));
  const refs = findReferences(tokens);
  return tokens.map((t, i) => (refs.has(i) ? `[${t.raw}]` : t.raw)).join(' ');
}

describe('a time said in words', () => {
  it('is a reference as in digits ("teen baje", "do din mein")', () => {
    expect(marked('teen baje tak bhej dena')).toBe('[teen] [baje] tak bhej dena');
    expect(marked('do din mein')).toBe('[do] [din] mein');
    expect(marked('do bag bhejo')).toBe('do bag bhejo');
  });
});

describe('references: numbers that are no quantity', () => {
  it('takes a document number with its marker, whatever shape the number has', () => {
    expect(marked('invoice no. 4521')).toBe('[invoice] [no] [.] [4521]');
    expect(marked('against our PO No. RAS/2425/418')).toBe(
      '[against] [our] [PO] [No] [.] [RAS] [/] [2425] [/] [418]',
    );
    expect(marked('supply against PO SAR/PUR/24-25/0877')).toBe(
      'supply [against] [PO] [SAR] [/] [PUR] [/] [24-25/0877]',
    );
    expect(marked('Indent No.: 22/2025-26')).toBe('[Indent] [No] [.] [:] [22/2025-26]');
    // the code ends at its last part: the word after it is no part of it
    expect(marked('to our PO GVIS/2025/118 nako')).toBe(
      'to [our] [PO] [GVIS] [/] [2025] [/] [118] nako',
    );
    expect(marked('ref KMD/1184/ pls')).toBe('[ref] [KMD] [/] [1184] / pls');
    // an order placed against a quotation names it
    expect(marked('Ref your quotation JE/Q/118')).toBe(
      '[Ref] [your] [quotation] [JE] [/] [Q] [/] [118]',
    );
    expect(marked('With reference to your quotation dated 25.02.2025')).toBe(
      '[With] [reference] [to] [your] [quotation] [dated] [25.02.2025]',
    );
    expect(marked('PO No: DIS/2425/0871 Date: 07-01-2025')).toBe(
      '[PO] [No] [:] [DIS] [/] [2425] [/] [0871] [Date] [:] [07] [-] [01] [-] [2025]',
    );
  });

  it('takes the words leading into a document number only before its marker', () => {
    expect(marked('as per indent no. 318')).toBe('[as] [per] [indent] [no] [.] [318]');
    expect(marked('credit against the 5 damaged box')).toBe('credit against the 5 damaged box');
    expect(marked('our 10 box')).toBe('our 10 box');
  });

  it('takes the number of an address part ("Plot 22", "Sector 22") with its marker', () => {
    expect(marked('Delivery at Plot 22, Sector 5')).toBe(
      'Delivery [at] [Plot] [22] , [Sector] [5]',
    );
    expect(marked('plots 22 bag')).toBe('plots 22 bag');
  });

  it('takes a postal code of six digits after "pin", and no other number', () => {
    expect(marked('Pin 845401')).toBe('[Pin] [845401]');
    expect(marked('Pincode: 226010')).toBe('[Pincode] [:] [226010]');
    expect(marked('king pin 1 box')).toBe('king pin 1 box');
  });

  it('leaves a size written like a code alone when no marker stands before it', () => {
    expect(marked('tyre 90/90-17 4 nos')).toBe('tyre 90/90-17 4 nos');
    expect(marked('order: 10 cs')).toBe('order : 10 cs');
  });

  it('takes dates, times and phone numbers', () => {
    expect(marked('by 21/11 at 10:30')).toBe('by [21] [/] [11] at [10] [:] [30]');
    expect(marked('call 98390 12345')).toBe('call [98390] [12345]');
  });
});
