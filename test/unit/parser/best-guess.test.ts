import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../support/parser-fixtures.js';

const pharma = loadWorld('pharma');
const APOLLO = '+919822200001';

describe('best guess (rules/best-guess.ts)', () => {
  it('pencils in the plainest of several equally fitting SKUs, and the draft waits for a person', () => {
    const r = pharma.parse({ from: APOLLO, text: 'cefomax 5 box' });
    const doubt = r.reasons.find((x) => x.code === 'ambiguous_product');
    expect(doubt?.candidates?.length).toBeGreaterThan(1);
    const lines = r.orders.flatMap((o) => o.lines);
    expect(lines).toHaveLength(1);
    expect(doubt!.candidates!.map((c) => c.sku)).toContain(lines[0]!.sku);
    expect(lines[0]!.qty).toBe(5);
    expect(r.needs_review).toBe(true);
  });

  it('does not make a question about a product into an order', () => {
    const r = pharma.parse({ from: APOLLO, text: 'cefomax ka rate kya hai?' });
    expect(r.intent).not.toBe('order');
    expect(r.orders).toEqual([]);
  });

  it('leaves a mention that names one SKU alone', () => {
    const r = pharma.parse({ from: APOLLO, text: 'cefomax 200 5 box' });
    expect(r.orders.flatMap((o) => o.lines.map((l) => `${l.sku} x${l.qty}`))).toEqual([
      'PH-CFX-200 x5',
    ]);
  });
});
