import { describe, expect, it } from 'vitest';
import type { CompiledSku } from '../../../parsers/match/compile-catalog.js';
import { bestGuess } from '../../../parsers/rules/best-guess.js';
import { readSegment } from '../../../parsers/rules/read-segment.js';
import { loadWorld, worldFromCsv } from '../../support/parser-fixtures.js';

const pharma = loadWorld('pharma');
const APOLLO = '+919822200001';
const fertiliser = worldFromCsv(
  [
    'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
    'UR-45,Kisanmitra Urea 45 kg,bag,,,266.00,,Kisanmitra,Urea',
    'UR-NANO,Kisanmitra Nano Urea (Liquid) 500 ml,bottle,,,225.00,,Kisanmitra,Urea',
    'UR-NANO-1L,Kisanmitra Nano Urea (Liquid) 1 L,bottle,,,420.00,,Kisanmitra,Urea',
  ].join('\n'),
  [
    'code,name,phones,emails,region,price_list,credit_limit,outstanding',
    'F01,Patel Krishi Kendra,+919800000002,,West,RETAIL,,0.00',
  ].join('\n'),
);

describe('best guess (rules/best-guess.ts)', () => {
  it('pencils in the plainest SKU the quantity suits, and the draft waits for a person', () => {
    const r = fertiliser.parse({ from: '+919800000002', text: 'kisanmitra urea 40' });
    const doubt = r.reasons.find((x) => x.code === 'ambiguous_product');
    expect(doubt?.candidates?.map((c) => c.sku)).toEqual(
      expect.arrayContaining(['UR-45', 'UR-NANO']),
    );
    expect(r.orders.flatMap((o) => o.lines)).toEqual([
      { sku: 'UR-45', qty: 40, source: 'kisanmitra urea 40', guess: true },
    ]);
    expect(r.needs_review).toBe(true);
    // "bottle" suits only the liquid ones: the plainer of those
    const bottles = fertiliser.parse({ from: '+919800000002', text: 'kisanmitra urea 40 bottle' });
    expect(bottles.orders.flatMap((o) => o.lines.map((l) => l.sku))).toEqual(['UR-NANO']);
  });

  it('pencils in a bundle ("… Combo") only where the mention says so', () => {
    const inverters = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'INV-Z1100,Lumo Zelio 1100 Sine Wave Inverter 900VA 12V,piece,1,pcs,7900.00,,Lumo,Inverter',
        'CMB-Z1100,Lumo Zelio 1100 + RC150 Combo,piece,1,pcs,20500.00,,Lumo,Inverter',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'P01,Power Point,+919800000061,,West,RETAIL,,0.00',
      ].join('\n'),
    );
    const guess = (text: string) =>
      inverters
        .parse({ from: '+919800000061', text })
        .orders.flatMap((o) => o.lines.map((l) => l.sku));
    expect(guess('zelio 1100 - 5')).toEqual(['INV-Z1100']);
    expect(guess('zelio 1100 combo - 5')).toEqual(['CMB-Z1100']);
  });

  it('guesses nothing among many SKUs, nor from a sentence of unknown words', () => {
    const many = pharma.parse({ from: APOLLO, text: 'cefomax 5 box' });
    expect(many.reasons.map((x) => x.code)).toContain('ambiguous_product');
    expect(many.orders.flatMap((o) => o.lines)).toEqual([]);
  });

  it('does not make a question about a product into an order', () => {
    const r = pharma.parse({ from: APOLLO, text: 'cefomax ka rate kya hai?' });
    expect(r.intent).not.toBe('order');
    expect(r.orders).toEqual([]);
  });
});

describe('best guess among brands', () => {
  const cameras = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'A-B5,Arvo 5MP Bullet Camera,piece,,,1900.00,,Arvo,Camera',
      'B-B5,Belco 5MP Bullet Camera,piece,,,1750.00,,Belco,Camera',
    ].join('\n'),
    'code,name,phones,emails,region,price_list,credit_limit,outstanding',
  );

  it('pencils in the brand the message already orders among equals', () => {
    const reading = readSegment(cameras.catalog, 'bullet 5mp 4', true);
    expect(reading.product.status).toBe('ambiguous');
    const fits = () => true;
    expect(bestGuess(reading, fits)?.product.sku?.item.sku).toBe('A-B5');
    const belco = (sku: CompiledSku) => sku.item.brand === 'Belco';
    expect(bestGuess(reading, fits, belco)?.product.sku?.item.sku).toBe('B-B5');
  });
});
