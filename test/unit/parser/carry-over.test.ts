import { describe, expect, it } from 'vitest';
import { linesOf, worldFromCsv } from '../../support/parser-fixtures.js';

const wires = worldFromCsv(
  [
    'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
    'W-FNX-10-BLK,Finolex FR PVC Wire 1.0 sqmm Black 90m,coil,,,1200.00,,Finolex,Wire',
    'W-FNX-15-RED,Finolex FR PVC Wire 1.5 sqmm Red 90m,coil,,,1650.00,,Finolex,Wire',
    'W-FNX-15-BLK,Finolex FR PVC Wire 1.5 sqmm Black 90m,coil,,,1650.00,,Finolex,Wire',
    'W-PCB-10-BLK,Polycab FR PVC Wire 1.0 sqmm Black 90m,coil,,,1150.00,,Polycab,Wire',
  ].join('\n'),
  [
    'code,name,phones,emails,region,price_list,credit_limit,outstanding',
    'E01,Goyal Lights,+919800000001,,North,RETAIL,,0.00',
  ].join('\n'),
);
const read = (text: string) => linesOf(wires.parse({ from: '+919800000001', text }));

describe('carrying the product into the next segment (rules/assemble-lines.ts)', () => {
  it('carries the brand and the size said before to a colour alone ("black 6")', () => {
    expect(read('1.5 finolex red 6 coil, black 6 coil')).toEqual([
      'E01 W-FNX-15-BLK x6',
      'E01 W-FNX-15-RED x6',
    ]);
  });

  it('does not carry the size to a segment that says its own', () => {
    expect(read('1.5 finolex red 6 coil, 1.0 black 2 coil')).toEqual([
      'E01 W-FNX-10-BLK x2',
      'E01 W-FNX-15-RED x6',
    ]);
  });

  it('carries a misspelt brand and the size said before ("Hawells 1.5 red 2 coil, black 2 coil")', () => {
    expect(read('Finnolex 1.5 red 2 coil, black 2 coil')).toEqual([
      'E01 W-FNX-15-BLK x2',
      'E01 W-FNX-15-RED x2',
    ]);
  });
});

const lights = worldFromCsv(
  [
    'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
    'B-09-CDL,Jyoti LED Bulb 9W Cool Day Light,carton,50,pcs,3000.00,,Jyoti,Bulb',
    'B-12-CDL,Jyoti LED Bulb 12W Cool Day Light,carton,50,pcs,3900.00,,Jyoti,Bulb',
    'P-12-CDL,Jyoti LED Round Panel 12W Cool Day Light,piece,,,210.00,jyoti gol panel 12 white,Jyoti,Panel',
    'P-12-WW,Jyoti LED Round Panel 12W Warm White,piece,,,210.00,,Jyoti,Panel',
    'M-SP-16,Jyoti SP MCB C-Curve 16A,box,12,pcs,1100.00,,Jyoti,MCB',
    'M-SP-32,Jyoti SP MCB C-Curve 32A,box,12,pcs,1160.00,,Jyoti,MCB',
    'M-DP-32,Jyoti DP MCB C-Curve 32A,box,6,pcs,2400.00,,Jyoti,MCB',
  ].join('\n'),
  [
    'code,name,phones,emails,region,price_list,credit_limit,outstanding',
    'E01,Goyal Lights,+919800000001,,North,RETAIL,,0.00',
  ].join('\n'),
);

describe('a list goes on with the kind it started with (rules/assemble-lines.ts)', () => {
  const order = (text: string) => lights.parse({ from: '+919800000001', text });

  it("carries only the lead words when the last line's colour would pull elsewhere", () => {
    const r = order('Jyoti 9W white bulb 100 pc, Jyoti 12W 50 pc');
    expect(linesOf(r)).toEqual(['E01 B-09-CDL x2', 'E01 B-12-CDL x1']);
    // the carried line was not singled out by its own words: a person looks
    expect(r.needs_review).toBe(true);
  });

  it('takes the member that shares the most words with the line before (SP after SP)', () => {
    expect(linesOf(order('Jyoti SP MCB 16A 12 pc, 32A 12 pc'))).toEqual([
      'E01 M-SP-16 x1',
      'E01 M-SP-32 x1',
    ]);
  });

  it('carries nothing into a sentence that is no line ("delivery in two lots is ok")', () => {
    expect(linesOf(order('Jyoti SP MCB 16A 12 pc. Delivery in two lots is OK'))).toEqual([
      'E01 M-SP-16 x1',
    ]);
  });
});
