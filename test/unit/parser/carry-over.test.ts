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
});
