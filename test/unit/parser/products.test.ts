import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../parsers/index.js';
import { linesOf, loadWorld, refusalsOf, worldFromCsv } from '../../support/parser-fixtures.js';

const paints = loadWorld('paints');
const pharma = loadWorld('pharma');
const VERMA = '+919811100001';
const APOLLO = '+919822200001';

describe('product matching against the catalog', () => {
  it('reads a short word glued to a number as the model it names ("IT500")', () => {
    const world = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'IB-IT500,Volta InvaTubular IT500 150Ah,piece,1,pcs,13200.00,,Volta,Batteries',
        'IB-IT750,Volta InvaTubular IT750 200Ah,piece,1,pcs,16200.00,,Volta,Batteries',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'B01,Power House,+919800000051,,West,RETAIL,,0.00',
      ].join('\n'),
    );
    const read = (text: string) => linesOf(world.parse({ from: '+919800000051', text }));
    expect(read('Send 2 IT500')).toEqual(['B01 IB-IT500 x2']);
    expect(read('Volta IT750 3 nos')).toEqual(['B01 IB-IT750 x3']);
  });

  it('tells family members apart by the stated size', () => {
    const r = paints.parse({ from: VERMA, text: 'tractor white 10L 6 bucket' });
    expect(linesOf(r)).toEqual(['H01 PNT-TRC-W10 x6']);
    expect(r.needs_review).toBe(false);
  });

  it('reads a bare number as the size when it picks a family member ("pan 40 - 10 box")', () => {
    const r = pharma.parse({ from: APOLLO, text: 'pan 40 - 10 box' });
    expect(linesOf(r)).toEqual(['C01 PH-PAN-40 x10']);
  });

  it('lets a stated strength beat an alias that names another strength', () => {
    const r = pharma.parse({ from: APOLLO, text: 'azithral 250 - 4 box' });
    expect(linesOf(r)).toEqual(['C01 PH-AZI-250 x4']);
  });

  it('tells "crocin 650" from "calpol 500" by the number in the name', () => {
    const r = pharma.parse({ from: APOLLO, text: 'crocin 650 3 box\ncalpol 500 2' });
    expect(linesOf(r)).toEqual(['C01 PH-CAL-500 x2', 'C01 PH-CRO-650 x3']);
  });

  it('never guesses a colour the dealer did not say', () => {
    const r = paints.parse({ from: VERMA, text: 'apex 20L 3 bucket' });
    expect(r.needs_review).toBe(true);
    const ambiguous = r.reasons.find((x) => x.code === 'ambiguous_product');
    expect(ambiguous?.candidates?.map((c) => c.sku).sort()).toEqual(['PNT-APX-C20', 'PNT-APX-W20']);
  });

  it('settles a product with an alias learned for the dealer, and only for that dealer', () => {
    const text = 'safed wala 20 litre 2 bucket';
    const before = paints.parse({ from: VERMA, text });
    expect(before.needs_review).toBe(true);
    const learned = parseMessage({
      catalog: paints.catalog,
      directory: paints.directory,
      message: { id: 'm', channel: 'whatsapp', from: VERMA, text },
      learnedAliases: [{ alias: 'safed wala', sku: 'PNT-APX-W20' }],
    });
    expect(linesOf(learned)).toEqual(['H01 PNT-APX-W20 x2']);
    expect(learned.needs_review).toBe(false);
  });

  it('trusts an alias that names a nominal size ("masking tape 2 inch" is the 48 mm tape)', () => {
    const r = paints.parse({ from: VERMA, text: 'masking tape 2 inch 1 box' });
    expect(linesOf(r)).toEqual(['H01 HW-TAP-048 x1']);
  });

  it('reads "3 pack" as the quantity of a product sold by the pack', () => {
    const r = paints.parse({ from: VERMA, text: 'sandpaper 120 3 pack' });
    expect(linesOf(r)).toEqual(['H01 HW-SND-120 x3']);
  });

  it('reads inch fractions and inch marks as sizes', () => {
    const r = paints.parse({
      from: VERMA,
      text: 'astral elbow 1/2" 2 box, cpvc elbow 3/4 inch 80 pcs',
    });
    expect(linesOf(r)).toEqual(['H01 FIT-CPV-E12 x2', 'H01 FIT-CPV-E34 x2']);
  });

  it('uses the catalog alias as the distributor’s own name for a SKU', () => {
    const r = paints.parse({ from: VERMA, text: 'bison 10 bag' });
    expect(linesOf(r)).toEqual(['H01 PNT-BRG-W20 x10']);
  });

  it('forgives typos by edit distance and spelling skeleton', () => {
    const r = pharma.parse({ from: APOLLO, text: 'shelkal 500 3 box, betadin 20 tubes' });
    expect(linesOf(r)).toEqual(['C01 PH-BTD-100 x2', 'C01 PH-SHL-500 x3']);
  });

  it('reads SKU codes written with or without separators', () => {
    const r = paints.parse({ from: VERMA, text: 'MCB-HVL-32 x 2\nwir hvl 25r 4 coil' });
    expect(linesOf(r)).toEqual(['H01 MCB-HVL-32 x2', 'H01 WIR-HVL-25R x4']);
  });

  it('carries the brand of the previous line to a follow-up ("red 5 coil and black 5 coil")', () => {
    const r = paints.parse({
      from: VERMA,
      text: 'Havells wire 1.5 sqmm red 5 coil and black 5 coil',
    });
    expect(linesOf(r)).toEqual(['H01 WIR-HVL-15B x5', 'H01 WIR-HVL-15R x5']);
  });

  it('sends a product that is not in the catalog to review instead of dropping it', () => {
    const r = paints.parse({ from: VERMA, text: 'Dulux Velvet Touch 4L 2 case\nbison 10 bag' });
    expect(r.needs_review).toBe(true);
    expect(r.reasons.map((x) => x.code)).toContain('leftover_text');
    expect(linesOf(r)).toEqual(['H01 PNT-BRG-W20 x10']);
  });

  it('transliterates Devanagari before matching', () => {
    const r = paints.parse({ from: VERMA, text: 'बिसन 10 बोरी' });
    expect(linesOf(r)).toEqual(['H01 PNT-BRG-W20 x10']);
  });

  it('takes the plain product over a named variant that adds a strength ("telvas 40")', () => {
    const r = pharma.parse({ from: APOLLO, text: 'telvas 40 - 3 box' });
    expect(linesOf(r)).toEqual(['C01 PH-TLV-40 x3']);
    expect(r.needs_review).toBe(false);
  });

  it('still takes the named variant when its word is said ("telvas h 40")', () => {
    const r = pharma.parse({ from: APOLLO, text: 'telvas h 40 - 2 box' });
    expect(linesOf(r)).toEqual(['C01 PH-TLVH-40 x2']);
  });

  it('reads a bare fraction as the inch size of things sold by length ("elbow 1/2", "½")', () => {
    for (const text of ['cpvc elbow 1/2 2 box', 'astral elbow ½ - 2 box']) {
      const r = paints.parse({ from: VERMA, text });
      expect(linesOf(r)).toEqual(['H01 FIT-CPV-E12 x2']);
      expect(r.needs_review).toBe(false);
    }
  });

  it('leaves a bare fraction alone where nothing is sold by length', () => {
    const r = pharma.parse({ from: APOLLO, text: 'dolo 650 1/2 box' });
    expect(r.needs_review).toBe(true);
  });

  it('reads "1.5mm" of a wire sold as "1.5 sq mm" as its cross-section', () => {
    for (const text of ['havells wire 1.5mm red 5 coil', 'havells 1.5 mm2 red 5 coil']) {
      const r = paints.parse({ from: VERMA, text });
      expect(linesOf(r)).toEqual(['H01 WIR-HVL-15R x5']);
      expect(r.needs_review).toBe(false);
    }
    // A width the catalog does state stays a width.
    expect(linesOf(paints.parse({ from: VERMA, text: 'masking tape 48mm 2 box' }))).toEqual([
      'H01 HW-TAP-048 x2',
    ]);
  });

  it('reads lines under a heading that named a family ("Havells wire 1.5 sqmm:" then colours)', () => {
    const r = paints.parse({
      from: VERMA,
      text: 'Havells wire 1.5 sqmm:\n- red 5 coil\n- black 3 coil',
    });
    expect(linesOf(r)).toEqual(['H01 WIR-HVL-15B x3', 'H01 WIR-HVL-15R x5']);
    // The heading ends in ":", so the policy reads its words again for every line under it.
    expect(r.needs_review).toBe(false);
  });

  it('reads trade shorthand for the form that tells variants apart (inj, syp, tab)', () => {
    const said = (text: string) => linesOf(pharma.parse({ from: APOLLO, text }));
    expect(said('cefomax inj 5 box')).toEqual(['C01 PH-CFX-1G x5']);
    expect(said('cefomax syp 2 box')).toEqual(['C01 PH-CFX-DS x2']);
    expect(said('cefomax tab 3 box')).toEqual(['C01 PH-CFX-200 x3']);
    expect(pharma.parse({ from: APOLLO, text: 'cefomax 3 box' }).needs_review).toBe(true);
  });

  it('lets a said variant word outvote an alias of the plain product ("electral zinc")', () => {
    const said = (text: string) => linesOf(pharma.parse({ from: APOLLO, text }));
    expect(said('electral zinc 2 box')).toEqual(['C01 PH-ORS-ZNC x2']);
    expect(said('electral 2 box')).toEqual(['C01 PH-ORS-ORG x2']);
  });

  it('reads a one-letter variant that is also an English article ("clopivas a 75")', () => {
    const said = (text: string) => linesOf(pharma.parse({ from: APOLLO, text }));
    expect(said('clopivas a 75 - 2 box')).toEqual(['C01 PH-CLVA-75 x2']);
    expect(said('clopivas 75 - 2 box')).toEqual(['C01 PH-CLV-75 x2']);
  });

  it('reads "SDR11 1/2 inch" in a name as half an inch, and carries the pipe to "3/4 2 bandal"', () => {
    const r = paints.parse({ from: VERMA, text: 'cpvc 1/2 pipe 5 bundle, 3/4 2 bandal' });
    expect(linesOf(r)).toEqual(['H01 PIP-CPV-12 x5', 'H01 PIP-CPV-34 x2']);
    // "3/4 2 bandal" carries "cpvc pipe" from the line before, which the policy reads again
    expect(refusalsOf(r)).toEqual([]);
  });

  it('reads Hindi colour words as the colours names spell in English ("laal", "kala")', () => {
    const r = paints.parse({ from: VERMA, text: 'havells wire 1.5 sqmm laal 5 coil, kala 3 coil' });
    expect(linesOf(r)).toEqual(['H01 WIR-HVL-15B x3', 'H01 WIR-HVL-15R x5']);
    // "kala 3 coil" carries the wire from the line before, which the policy reads again
    expect(refusalsOf(r)).toEqual([]);
  });

  it('takes the plain product over a named variant sold in another strip length ("metvas 500")', () => {
    const said = (text: string) => linesOf(pharma.parse({ from: APOLLO, text }));
    expect(said('10 box metvas 500')).toEqual(['C01 PH-MTV-500 x10']);
    expect(said('metvas sr 500 - 2 box')).toEqual(['C01 PH-MTVSR-500 x2']);
  });

  it('reads a PO row "Rosuvas 20 Tab | 10x15 | 5 box": the strength names it, the pack does not', () => {
    const said = (text: string) => linesOf(pharma.parse({ from: APOLLO, text }));
    expect(said('Rosuvas 20 Tab 10x15 5 box')).toEqual(['C01 PH-ROS-20 x5']);
    expect(said('Shelcal 500 Tab 10x15 3 box')).toEqual(['C01 PH-SHL-500 x3']);
  });

  it('reads "1.5 sq.mm" with a dot as the cross-section', () => {
    const r = paints.parse({ from: VERMA, text: 'havells wire 1.5 sq.mm red 2 coil' });
    expect(linesOf(r)).toEqual(['H01 WIR-HVL-15R x2']);
  });
});

describe('model names and sizes that aliases must not override', () => {
  const phones = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'G-A15,Navkar Tempered Glass Samsung A15 (pack of 10),packet,10,pcs,250.00,a15 glass,Navkar,Glass',
      'G-IP15,Navkar Tempered Glass iPhone 15 (pack of 10),packet,10,pcs,300.00,,Navkar,Glass',
      'GLUE-110,B-7000 Repair Glue 110ml,box,10,tubes,600.00,b 7000 glue,B-7000,Glue',
      'GLUE-50,B-7000 Repair Glue 50ml,box,10,tubes,380.00,,B-7000,Glue',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'M01,Krishna Mobile,+919800000009,,West,RETAIL,,0.00',
    ].join('\n'),
  );
  const read = (text: string) => linesOf(phones.parse({ from: '+919800000009', text }));

  it('reads a letter glued to a number as the model ("A15" is not iPhone 15)', () => {
    expect(read('A15 glass 5 packet')).toEqual(['M01 G-A15 x5']);
    expect(read('iphone 15 glass 2 packet')).toEqual(['M01 G-IP15 x2']);
  });

  it('lets a stated size beat an alias whose SKU has another ("b 7000 glue 50ml")', () => {
    expect(read('B-7000 glue 50ml 1 box')).toEqual(['M01 GLUE-50 x1']);
    expect(read('B-7000 glue 2 box')).toEqual(['M01 GLUE-110 x2']);
  });
});

describe('aliases that carry numbers', () => {
  const threads = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'T-10,Loomex Braided Thread 1-0 75cm (12),box,12,foil,900.00,loomex 1-0,Loomex,Thread',
      'T-20,Loomex Braided Thread 2-0 75cm (12),box,12,foil,900.00,loomex 2-0,Loomex,Thread',
      'P-18,Fenra Pin 18G (100),box,100,pcs,150.00,18 no pin,Fenra,Pins',
      'P-21,Fenra Pin 21G (100),box,100,pcs,150.00,21 no pin,Fenra,Pins',
      'J-5,Cupro Jar 5 kg,piece,,,300.00,jar 5,Cupro,Jars',
      'J-10,Cupro Jar 10 kg,piece,,,450.00,jar 10,Cupro,Jars',
      'B-2L,Cupro Drain Bag 2000ml (10),packet,10,bag,200.00,drain bag,Cupro,Bags',
      'C-BLU,Glint Cleaner Blue 500ml,carton,24,bottle,2150.00,glint 500,Glint,Cleaners',
      'C-RED,Glint Cleaner Lemon 500ml,carton,24,bottle,2300.00,glint red,Glint,Cleaners',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'M02,Kiran Clinic,+919800000013,,West,RETAIL,,0.00',
    ].join('\n'),
  );
  const read = (text: string) => linesOf(threads.parse({ from: '+919800000013', text }));

  it('names the SKU by an alias written out with its numbers, which are no quantity', () => {
    expect(read('Loomex 2-0 - 4 boxes')).toEqual(['M02 T-20 x4']);
    expect(read('3 box 21 no pin')).toEqual(['M02 P-21 x3']);
    // the alias's number is the size, the other the count
    expect(read('jar 5 - 10')).toEqual(['M02 J-5 x10']);
  });

  it('takes the alias’s number said with the unit of the SKU’s own size ("glint 500" in "Glint 500ml")', () => {
    expect(read('Glint 500ml 3 carton')).toEqual(['M02 C-BLU x3']);
    expect(read('Glint 500 3 carton')).toEqual(['M02 C-BLU x3']);
  });

  it('reads a plural of a three-letter word as the word ("drain bags")', () => {
    expect(read('drain bags 2 packet')).toEqual(['M02 B-2L x2']);
  });
});

describe('a model code in the name', () => {
  const recorders = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'V-4,Vexo 4CH Recorder VX-7204QX-M1/S,piece,,,3200.00,,Vexo,Recorder',
      'V-8,Vexo 8CH Recorder VX-7208QX-M1/S,piece,,,4200.00,,Vexo,Recorder',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Z11,Kiran Systems,+919800000051,,West,RETAIL,,0.00',
    ].join('\n'),
  );

  it('keeps its revision digit ("M1") apart from a bare quantity of 1', () => {
    const r = recorders.parse({
      from: '+919800000051',
      text: 'vexo 4ch recorder 1\n1 vexo 8ch recorder',
    });
    expect(linesOf(r)).toEqual(['Z11 V-4 x1', 'Z11 V-8 x1']);
  });
});

describe('a model number given as an alias', () => {
  const recorders = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'V-16,Vexo 16CH Recorder VX-7216QX,piece,,,8200.00,7216|vexo 16ch,Vexo,Recorder',
      'V-4,Vexo 4CH Recorder VX-7104QX,piece,,,3200.00,7104|vexo 4ch,Vexo,Recorder',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Z14,Kiran Systems,+919800000081,,West,RETAIL,,0.00',
    ].join('\n'),
  );

  it('names its SKU, the other number being the quantity', () => {
    const r = recorders.parse({ from: '+919800000081', text: '2 x 7216 and 3 x 7104' });
    expect(linesOf(r)).toEqual(['Z14 V-16 x2', 'Z14 V-4 x3']);
    expect(r.needs_review).toBe(false);
  });

  it('names nothing when no other number is there to be the quantity', () => {
    expect(recorders.parse({ from: '+919800000081', text: 'send 7216' }).needs_review).toBe(true);
  });
});

describe('a SKU code of letters alone', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'GR-HLM-SG-M,Zeno Guard Helmet Medium,piece,,,900.00,,Zeno,Guards',
      'GR-HLM-SG-L,Zeno Guard Helmet Large,piece,,,950.00,,Zeno,Guards',
      'GR-PAD,Zeno Pads,piece,,,700.00,,Zeno,Guards',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Z16,Kiran Sports,+919800000101,,West,RETAIL,,0.00',
    ].join('\n'),
  );

  it('names its SKU when written in three parts or more, as a price list has it', () => {
    const r = world.parse({ from: '+919800000101', text: 'GR-HLM-SG-M x 4\nGR-HLM-SG-L 2' });
    expect(linesOf(r)).toEqual(['Z16 GR-HLM-SG-L x2', 'Z16 GR-HLM-SG-M x4']);
    expect(r.needs_review).toBe(false);
  });

  it('names nothing when no SKU has that code', () => {
    const r = world.parse({ from: '+919800000101', text: 'GR-HLM-SG-XL 2' });
    expect(r.needs_review).toBe(true);
    expect(linesOf(r)).not.toContain('Z16 GR-HLM-SG-M x2');
  });
});

describe('a size pair the catalog’s names write', () => {
  const bags = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'GB-3037,Kleen Garbage Bag 30x37,packet,10,bag,95.00,,Kleen,Bags',
      'GB-2432,Kleen Garbage Bag 24x32,packet,10,bag,75.00,,Kleen,Bags',
      'PH-BLK,Kleen Black Phenyl 5L,can,1,can,240.00,kaala phenyl,Kleen,Disinfectants',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'M05,Hotel Sea View,+919800000015,,West,RETAIL,,0.00',
    ].join('\n'),
  );
  const read = (text: string) => bags.parse({ from: '+919800000015', text });

  it('names the products of that size, as a word of their names would', () => {
    expect(linesOf(read('30x37 black 20 packet'))).toEqual(['M05 GB-3037 x20']);
    expect(linesOf(read('24x32 bag 20 pkt'))).toEqual(['M05 GB-2432 x20']);
  });

  it('lets a line said by the pair alone go through when only one SKU writes it', () => {
    const r = read('30x37 - 20 pkt');
    expect(linesOf(r)).toEqual(['M05 GB-3037 x20']);
    expect(r.needs_review).toBe(false);
  });
});
