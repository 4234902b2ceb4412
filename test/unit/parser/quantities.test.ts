import { describe, expect, it } from 'vitest';
import { CARDINAL_VALUES } from '../../../parsers/lexicon/numbers.js';
import { linesOf, loadWorld, refusalsOf, worldFromCsv } from '../../support/parser-fixtures.js';

const pharma = loadWorld('pharma');
const paints = loadWorld('paints');
const APOLLO = '+919822200001';
const VERMA = '+919811100001';

describe('quantities and units', () => {
  it('converts pieces to the sales unit through pack_size', () => {
    const r = pharma.parse({
      from: APOLLO,
      text: 'dolo 650 - 20 strip\nvicks vaporub 50ml 48 jars',
    });
    expect(linesOf(r)).toEqual(['C01 PH-DOL-650 x2', 'C01 PH-VCKS-50 x2']);
  });

  it('sends a piece count that does not divide into review, never rounding it', () => {
    const r = pharma.parse({ from: APOLLO, text: 'dolo 650 - 25 strip' });
    expect(r.needs_review).toBe(true);
    expect(r.reasons.map((x) => x.code)).toContain('fractional_quantity');
  });

  it('reads number words in English and Hindi, and dozens', () => {
    expect(linesOf(pharma.parse({ from: APOLLO, text: 'shelcal 500 three box' }))).toEqual([
      'C01 PH-SHL-500 x3',
    ]);
    expect(
      linesOf(paints.parse({ from: VERMA, text: 'paanch peti nerolac enamel black 1 litre' })),
    ).toEqual(['H01 PNT-NRL-BLK1 x5']);
    expect(linesOf(pharma.parse({ from: APOLLO, text: 'vicks vaporub 25ml 4 dozen' }))).toEqual([
      'C01 PH-VCKS-25 x1',
    ]);
  });

  it('counts "one" ending a line, but not "one" standing for a product or spelling a code', () => {
    const said = (text: string) => linesOf(paints.parse({ from: VERMA, text }));
    expect(said('bison one\nprimer 2 bucket')).toEqual(['H01 PNT-BRG-W20 x1', 'H01 PRM-APW-20 x2']);
    expect(said('bison - one')).toEqual(['H01 PNT-BRG-W20 x1']);
    // "the big one", "the 20 litre one": which product, not how many
    expect(said('bison 5 bag\nprimer, the 20 litre one')).not.toContain('H01 PRM-APW-20 x1');
    expect(said('bison 5 bag\nsame one')).toEqual(['H01 PNT-BRG-W20 x5']);
  });

  it('reads no count of goods in a count of orders or shops ("oru order undu", "2 orders")', () => {
    const said = (text: string) => linesOf(paints.parse({ from: VERMA, text }));
    expect(said('bison oru order undu')).toEqual([]);
    expect(said('bison 2 orders')).toEqual([]);
    expect(said('2 orders: bison 5 bag')).toEqual(['H01 PNT-BRG-W20 x5']);
  });

  it('reads a last bare number as the count when the name writes it only with a unit ("2MP")', () => {
    const world = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'DVR4,Zorva 4CH 2MP DVR,piece,,,3200.00,zorva 4ch dvr,Zorva,DVR',
        'DVR4-5,Zorva 4CH 5MP DVR,piece,,,4900.00,zorva 5mp 4ch dvr,Zorva,DVR',
        'RC4,Zorva Racer4 900ml,carton,,,900.00,,Zorva,Oil',
        'P150,Zorva Pulsar 150 Kit,piece,,,500.00,,Zorva,Kits',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'Z01,Om Sai Traders,+919800000021,,West,RETAIL,,0.00',
      ].join('\n'),
    );
    const said = (text: string) => linesOf(world.parse({ from: '+919800000021', text }));
    expect(said('zorva 4ch dvr 2')).toEqual(['Z01 DVR4 x2']);
    // the name writes it glued to a word, or alone: never the count
    expect(said('zorva racer4')).toEqual([]);
    expect(said('zorva pulsar 150')).toEqual([]);
  });

  it('reads number words of other Indian languages, a hundred included', () => {
    const said = (text: string) => linesOf(pharma.parse({ from: APOLLO, text }));
    expect(said('shelcal 500 pathu box')).toEqual(['C01 PH-SHL-500 x10']);
    expect(said('shelcal 500 eradu box')).toEqual(['C01 PH-SHL-500 x2']);
    expect(said('shelcal 500 daha box')).toEqual(['C01 PH-SHL-500 x10']);
    expect(said('shelcal 500 tran box')).toEqual(['C01 PH-SHL-500 x3']);
    expect(said('dolo 650 oru nooru strip')).toEqual(['C01 PH-DOL-650 x10']);
    // the teens: Kannada, Tamil, Telugu, Malayalam, Marathi, Bengali, Punjabi
    for (const [word, n] of [
      ['hadinaidu', 15],
      ['pannirendu', 12],
      ['padihenu', 15],
      ['panthrandu', 12],
      ['sola', 16],
      ['atharo', 18],
      ['chaudan', 14],
    ] as const)
      expect(said(`shelcal 500 ${word} box`), word).toEqual([`C01 PH-SHL-500 x${n}`]);
    // "be" is also English: a count only beside a unit
    expect(pharma.parse({ from: APOLLO, text: 'shelcal 500 will be needed' }).needs_review).toBe(
      true,
    );
    expect(said('shelcal 500 be box')).toEqual(['C01 PH-SHL-500 x2']);
  });

  it('drops the number a negation replaces: after "not", before "nahi"/"noy"/"alla"', () => {
    const r = (text: string) => pharma.parse({ from: APOLLO, text });
    for (const text of [
      'shelcal 500 10 nahi 12 box',
      'shelcal 500 12 box, not 10',
      'shelcal 500 10 alla 12 box',
      // the "no" of another language opening the next segment, the verb after it
      'shelcal 500 10 box... illa 12 box maadi',
      'shelcal 500 10 box, nako 12 box',
    ]) {
      expect(linesOf(r(text)), text).toEqual(['C01 PH-SHL-500 x12']);
      // a correction is for a person to confirm, unless the policy reads it itself: the count
      // taken back right after the line, then the count meant and nothing more
      expect(r(text).needs_review, text).toBe(!text.endsWith('nako 12 box'));
    }
  });

  it('never takes a number of the product’s own name for the quantity while another is there', () => {
    const kits = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'K-PUL,Rolon Chain Sprocket Kit Pulsar 150,kit,,,910.00,,Rolon,Kit',
        'K-APC,Rolon Chain Sprocket Kit Apache RTR 160,kit,,,940.00,,Rolon,Kit',
        'C-V8,Navkar Micro USB Cable 1m,box,20,pcs,700.00,v8 cable,Navkar,Cable',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'A01,Annai Motors,+919800000004,,South,RETAIL,,0.00',
      ].join('\n'),
    );
    const said = (text: string) => linesOf(kits.parse({ from: '+919800000004', text }));
    expect(said('1) Rolon Pulsar 150 kit - 10\n2) Rolon Apache RTR 160 kit - 6')).toEqual([
      'A01 K-APC x6',
      'A01 K-PUL x10',
    ]);
    expect(said('v8 cable 2 box')).toEqual(['A01 C-V8 x2']);
  });

  it('reads a count written first and a size that took the unit word ("10 Velmax 900 ctn")', () => {
    const oils = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'V-900,Velmax 4T 20W-40 900ml,carton,20,bottle,4200.00,velmax 900,Velmax,Oil',
        'V-1L,Velmax 4T 20W-40 1L,carton,12,bottle,3060.00,,Velmax,Oil',
        'V-KIT,Velmax Chain Sprocket Kit Splendor,kit,,,800.00,,Velmax,Kit',
        'V-BLB,Velmax Indicator Bulb 10W,box,10,pcs,150.00,,Velmax,Bulb',
        'G-900,Gulf Pride 4T 20W-40 900ml,carton,20,bottle,4300.00,,Gulf,Oil',
        'G-1L,Gulf Pride 4T 20W-40 1L,carton,12,bottle,3200.00,,Gulf,Oil',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'A03,Ayyappa Motors,+919800000007,,South,RETAIL,,0.00',
      ].join('\n'),
    );
    const said = (text: string) => linesOf(oils.parse({ from: '+919800000007', text }));
    expect(said('10 Velmax 900 ctn\n5 Gulf 900 ctn')).toEqual(['A03 G-900 x5', 'A03 V-900 x10']);
    // a brand with a size that leaves one of its products names it
    expect(said('velmax 1L 3 ctn')).toEqual(['A03 V-1L x3']);
  });

  it('reads bundles, sacks and packets as written across the country', () => {
    const said = (text: string) => linesOf(pharma.parse({ from: APOLLO, text }));
    expect(said('shelcal 500 - 3 bdl')).toEqual(['C01 PH-SHL-500 x3']);
    expect(said('shelcal 500 3 कट्टे')).toEqual(['C01 PH-SHL-500 x3']);

    expect(said('dolo 650 - 5 dazan strip')).toEqual(['C01 PH-DOL-650 x6']);
  });

  it('reads tonnes and sacks as the unit of SKUs sold so, and "ani"/"mattu" as "and"', () => {
    const steel = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'BAR-10,Ferrox TMT Bar Fe500 10 mm,tonne,,,58000.00,,Ferrox,Steel',
        'BAR-12,Ferrox TMT Bar Fe500 12 mm,tonne,,,57500.00,,Ferrox,Steel',
        'CEM-43,Girnar Cement OPC 43 Grade 50 kg,bag,,,380.00,,Girnar,Cement',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'B01,Kulkarni Traders,+919800000003,,West,RETAIL,,0.00',
      ].join('\n'),
    );
    const said = (text: string) => linesOf(steel.parse({ from: '+919800000003', text }));
    expect(said('ferrox 12mm 3 ton ani 10mm 2 MT')).toEqual(['B01 BAR-10 x2', 'B01 BAR-12 x3']);
    expect(said('girnar 43 grade 40 goni mattu ferrox 10mm 1 ton')).toEqual([
      'B01 BAR-10 x1',
      'B01 CEM-43 x40',
    ]);
    // the sack in Malayalam ("chakku") and Marathi ("pishvya"), the bag in Gujarati ("thela")
    for (const sack of ['chakku', 'pishvya', 'thela'])
      expect(
        steel.parse({ from: '+919800000003', text: `girnar 43 grade 15 ${sack}` }),
        sack,
      ).toMatchObject({
        needs_review: false,
        orders: [{ lines: [{ sku: 'CEM-43', qty: 15 }] }],
      });
    // Punjabi "te", Bengali "ar" and "duto" (two, with its counting word)
    expect(said('25 bori girnar 43 te ferrox 10mm 2 ton')).toEqual([
      'B01 BAR-10 x2',
      'B01 CEM-43 x25',
    ]);
    expect(said('girnar 43 grade 40 ta ar ferrox 12mm duto ton')).toEqual([
      'B01 BAR-12 x2',
      'B01 CEM-43 x40',
    ]);
  });

  it('reads a number said in several words as one number', () => {
    const said = (text: string) => linesOf(pharma.parse({ from: APOLLO, text }));
    expect(said('dolo 650 do sau strip')).toEqual(['C01 PH-DOL-650 x20']);
    expect(said('dolo 650 dedh sau strip')).toEqual(['C01 PH-DOL-650 x15']);
    expect(said('dolo 650 ek sau bees strip')).toEqual(['C01 PH-DOL-650 x12']);
    expect(said('shelcal 500 twenty five box')).toEqual(['C01 PH-SHL-500 x25']);
    expect(said('shelcal 500 one hundred fifty strip')).toEqual(['C01 PH-SHL-500 x15']);
  });

  it('keeps a rough range said in words ("das bees box") for a person', () => {
    const r = pharma.parse({ from: APOLLO, text: 'shelcal 500 das bees box' });
    expect(r.needs_review).toBe(true);
  });

  it('never takes the number of a product name as the quantity', () => {
    const alone = pharma.parse({ from: APOLLO, text: 'dolo 650 bhejo' });
    expect(alone.needs_review).toBe(true);
    const withQuantity = pharma.parse({ from: APOLLO, text: 'dolo 650 5' });
    expect(linesOf(withQuantity)).toEqual(['C01 PH-DOL-650 x5']);
    expect(withQuantity.needs_review).toBe(false);
  });

  it('reads "ek" ending a line as one, and an English "one" there as the pronoun it may be', () => {
    expect(linesOf(pharma.parse({ from: APOLLO, text: 'shelcal 500 box ek' }))).toEqual([
      'C01 PH-SHL-500 x1',
    ]);
    expect(linesOf(pharma.parse({ from: APOLLO, text: 'shelcal 500 the big one' }))).toEqual([]);
  });

  it('reads "do" after a number as "give", not as two', () => {
    const r = pharma.parse({ from: APOLLO, text: 'shelcal 500 ke teen box do' });
    expect(linesOf(r)).toEqual(['C01 PH-SHL-500 x3']);
    expect(r.needs_review).toBe(false);
  });

  it('reads a weight as the quantity of goods counted by the kilo ("nail 20 kg")', () => {
    const r = paints.parse({ from: VERMA, text: '2 inch nail 20 kg, 3 inch 10 kg' });
    expect(linesOf(r)).toEqual(['H01 NL-WIR-2 x20', 'H01 NL-WIR-3 x10']);
    // "3 inch 10 kg" carries "nail" from the line before; "2 inch nail" is named by no word the catalog writes
    expect(refusalsOf(r)).toEqual(['line_not_singled_out']);
    // a weight that leaves the product open is still its quantity when every reading is sold by the kilo
    const sacks = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'N-MS,Zorva Hex Nut MS 10,kg,,,110.00,,Zorva,Nuts',
        'N-SS,Zorva Hex Nut SS 10,kg,,,400.00,,Zorva,Nuts',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'Z09,Zenith Fasteners,+919800000051,,West,RETAIL,,0.00',
      ].join('\n'),
    );
    const nut = sacks.parse({ from: '+919800000051', text: 'hex nut 10 - 15 kg' });
    expect(nut.needs_review).toBe(true);
    expect(nut.reasons.map((x) => x.code)).toContain('ambiguous_product');
    expect(nut.reasons.map((x) => x.code)).not.toContain('missing_quantity');
  });

  it('reads shorthand for the sales unit as the sales unit ("10 pkt" of a packet of 100)', () => {
    const r = paints.parse({ from: VERMA, text: 'rawl plug 6mm 10 pkt' });
    expect(linesOf(r)).toEqual(['H01 HW-RWP-6 x10']);
    expect(r.needs_review).toBe(false);
  });

  it('takes no quantity from a slashed document number, a dotted date or a grouped phone number', () => {
    const r = paints.parse({
      from: VERMA,
      text: 'Ref PO/24-25/0912 dated 09.06.2025\nbison 5 bag\nLast bill dated 02-06-2025 paid.\ncall 9811 100 001 if any doubt',
    });
    expect(linesOf(r)).toEqual(['H01 PNT-BRG-W20 x5']);
    // Every number is a reference; the words around them ("paid", "if any doubt") are not framing.
    expect(refusalsOf(r)).not.toContain('unexplained_number');
    expect(refusalsOf(r)).toContain('unexplained_words');
  });

  it('never picks one of two numbers offered as alternatives ("do ya teen dozen")', () => {
    const r = pharma.parse({ from: APOLLO, text: 'vicks vaporub 25ml do ya teen dozen bhej do' });
    expect(r.needs_review).toBe(true);
  });

  it('reads pauna/sawa inch sizes and saath as sixty before a unit', () => {
    expect(linesOf(paints.parse({ from: VERMA, text: 'cpvc pipe pauna inch 2 bundle' }))).toEqual([
      'H01 PIP-CPV-34 x2',
    ]);
    expect(linesOf(paints.parse({ from: VERMA, text: 'rawl plug 6mm saath pkt' }))).toEqual([
      'H01 HW-RWP-6 x60',
    ]);
    // "saath" is also "with": no number without a unit beside it.
    expect(
      linesOf(paints.parse({ from: VERMA, text: 'bison 5 bag, saath me primer 1 bucket' })),
    ).toEqual(['H01 PNT-BRG-W20 x5', 'H01 PRM-APW-20 x1']);
  });

  it('reads "N no." before another quantity as a grade number ("sandpaper 120 no. 3 box")', () => {
    for (const text of ['emery sandpaper 120 no. 3 box', 'emery sandpaper 120 no 3 box']) {
      const r = paints.parse({ from: VERMA, text });
      expect(linesOf(r)).toEqual(['H01 HW-SND-120 x3']);
      expect(r.needs_review).toBe(false);
    }
    expect(linesOf(paints.parse({ from: VERMA, text: 'bison 5 no' }))).toEqual([
      'H01 PNT-BRG-W20 x5',
    ]);
  });

  it('reads "bkt" as the bucket a SKU is sold by', () => {
    const r = paints.parse({ from: VERMA, text: 'primer 20 ltr 3 bkt' });
    expect(linesOf(r)).toEqual(['H01 PRM-APW-20 x3']);
    expect(r.needs_review).toBe(false);
  });

  it('reads "paanch kilo" of nails known by an alias as five 1 kg boxes', () => {
    const r = paints.parse({ from: VERMA, text: 'keel 3 inch paanch kilo' });
    expect(linesOf(r)).toEqual(['H01 NL-WIR-3 x5']);
    expect(r.needs_review).toBe(false);
  });

  it('takes a bare number repeating a size said with its unit as the quantity ("20L 20")', () => {
    const r = paints.parse({ from: VERMA, text: 'primer 20 ltr 20' });
    expect(linesOf(r)).toEqual(['H01 PRM-APW-20 x20']);
    // The size is said apart, with its unit: the policy reads the bare 20 as the count too.
    expect(refusalsOf(r)).toEqual([]);
  });

  it('gives "10 each" at the end of a list to every product before it on the line', () => {
    const r = pharma.parse({
      from: APOLLO,
      text: 'Need urgently: dolo 650, shelcal 500, calpol 500 – 10 each. Thanks',
    });
    expect(linesOf(r)).toEqual(['C01 PH-CAL-500 x10', 'C01 PH-DOL-650 x10', 'C01 PH-SHL-500 x10']);
    // The policy gives each line the "10 each" too, but 10 of a box of 10 could be pieces or
    // boxes: a person confirms.
    expect(new Set(refusalsOf(r))).toEqual(new Set(['quantity_unreadable']));
    expect(r.review.refusals.every((x) => x.message.includes('could be pieces or'))).toBe(true);
  });

  it('never counts the number of an address part ("Plot 22")', () => {
    const r = paints.parse({ from: VERMA, text: 'Deliver to new godown: Plot 12\nbison 5 bag' });
    expect(linesOf(r)).toEqual(['H01 PNT-BRG-W20 x5']);
  });

  it('accepts the usual ways of writing a quantity', () => {
    for (const text of [
      'bison x3',
      'bison 3x',
      'bison (3)',
      'bison qty: 3',
      'bison - 3',
      '3 bag bison',
      'bison 3 nos',
    ]) {
      expect(linesOf(paints.parse({ from: VERMA, text })), text).toEqual(['H01 PNT-BRG-W20 x3']);
    }
  });

  it('never takes a phone number, date, price or invoice number for a quantity', () => {
    const r = paints.parse({
      from: VERMA,
      text: 'bison 3 bag @ 1800, deliver on 21/11/2026\nRef invoice no 4471\nCall 9811100001',
    });
    expect(linesOf(r)).toEqual(['H01 PNT-BRG-W20 x3']);
    expect(r.needs_review).toBe(false);
  });

  it('sums a product ordered on two lines', () => {
    const r = paints.parse({ from: VERMA, text: 'bison 3 bag\nprimer 2 bucket\nbison 2 bag more' });
    expect(linesOf(r)).toEqual(['H01 PNT-BRG-W20 x5', 'H01 PRM-APW-20 x2']);
  });

  it('keeps the corrected quantity ("5 case.. sorry 6 case")', () => {
    const r = pharma.parse({ from: APOLLO, text: 'shelcal 500 5 box.. sorry 6 box' });
    expect(linesOf(r)).toEqual(['C01 PH-SHL-500 x6']);
  });

  it('never reads a size written as dimensions ("8x50") as a quantity', () => {
    const r = paints.parse({ from: VERMA, text: 'screw 8x50 2 box' });
    expect(linesOf(r)).toEqual(['H01 HW-SCR-8X50 x2']);
    const half = paints.parse({ from: VERMA, text: 'screw 8x50 half box' });
    expect(half.needs_review).toBe(true);
  });

  it('flags an undecided quantity ("3 ya 4 box")', () => {
    const r = pharma.parse({ from: APOLLO, text: 'shelcal 500 3 ya 4 box' });
    expect(r.needs_review).toBe(true);
  });

  it('flags a product named without a quantity', () => {
    const r = pharma.parse({ from: APOLLO, text: 'shelcal 500 3 box, electral orange' });
    expect(r.needs_review).toBe(true);
    expect(r.reasons.map((x) => x.code)).toContain('missing_quantity');
  });

  it('reads sizes the catalog writes as dimensions, sells by weight, or names by a unit word', () => {
    const world = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'S-810-R,Zorva Poly Sack 8x10 Red,kg,1,,150.00,,Zorva,Sacks',
        'S-810-B,Zorva Poly Sack 8x10 Black,kg,1,,150.00,,Zorva,Sacks',
        'S-1218-R,Zorva Poly Sack 12x18 Red,kg,1,,145.00,,Zorva,Sacks',
        'T-900,Zorva Foil Tray 900ml with Lid,box,50,pcs,400.00,,Zorva,Trays',
        'T-300,Zorva Foil Tray 300ml with Lid,box,50,pcs,300.00,,Zorva,Trays',
        'M-S,Zorva Apron Small,box,100,pcs,90.00,,Zorva,Aprons',
        'M-L,Zorva Apron Large,box,100,pcs,90.00,,Zorva,Aprons',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'Z01,Zenith Caterers,+919800000011,,West,RETAIL,,0.00',
      ].join('\n'),
    );
    const said = (text: string) => linesOf(world.parse({ from: '+919800000011', text }));
    // "8x10" is the name's size (read there as a count of 80), "20kg" the quantity of a SKU sold by the kg
    expect(said('8x10 red 20kg')).toEqual(['Z01 S-810-R x20']);
    expect(said('poly sack 12x18 red 5')).toEqual(['Z01 S-1218-R x5']);
    // "tray" may be a unit, but here it names the product and 900 is its size
    expect(said('900 tray 4 box')).toEqual(['Z01 T-900 x4']);
    // "large" picks the largest size elsewhere; here the catalog sells a Large
    expect(said('apron large 2 box')).toEqual(['Z01 M-L x2']);
  });

  it('reads a size said once and the same number again as the count, and big numbers a name carries', () => {
    const world = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'P-3-G,Korvik Tune 3 Speaker Grey,piece,,,2500.00,,Korvik,Speaker',
        'P-3-R,Korvik Tune 3 Speaker Red,piece,,,2500.00,,Korvik,Speaker',
        'C-10K,Korvik Cell 10000mAh Power Bank,piece,,,900.00,,Korvik,Power Bank',
        'C-20K,Korvik Cell 20000mAh Power Bank,piece,,,1400.00,,Korvik,Power Bank',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'Z02,Zest Mobiles,+919800000012,,West,RETAIL,,0.00',
      ].join('\n'),
    );
    const said = (text: string) => linesOf(world.parse({ from: '+919800000012', text }));
    expect(said('korvik tune 3 grey - 3')).toEqual(['Z02 P-3-G x3']);
    // five digits are a phone or an amount elsewhere; here the catalog sells a 20000
    expect(said('korvik cell 20000 - 10')).toEqual(['Z02 C-20K x10']);
    expect(said('korvik cell 20000 mah 10 pcs')).toEqual(['Z02 C-20K x10']);
  });

  it('gives a number word written alike in two languages one value ("sattar" is 70, not 17)', () => {
    const seen = new Map<string, { value: number; tag: string }>();
    const clashes: string[] = [];
    for (const [tag, table] of Object.entries(CARDINAL_VALUES))
      for (const [word, value] of Object.entries(table ?? {})) {
        const before = seen.get(word);
        if (before && before.value !== value)
          clashes.push(`${word}: ${before.tag} ${before.value}, ${tag} ${value}`);
        else seen.set(word, { value, tag });
      }
    expect(clashes).toEqual([]);
  });

  it('reads a number before a word names write after numbers ("4ch", "8 port") as the size', () => {
    const world = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'R-4,Zorva 4CH Recorder,piece,,,3000.00,,Zorva,Recorders',
        'R-8,Zorva 8CH Recorder,piece,,,4500.00,,Zorva,Recorders',
        'S-8,Zorva 8 Port Switch,piece,,,2000.00,,Zorva,Switches',
        'S-16,Zorva 16 Port Switch,piece,,,3800.00,,Zorva,Switches',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'Z11,Zenith Systems,+919800000061,,West,RETAIL,,0.00',
      ].join('\n'),
    );
    const said = (text: string) => linesOf(world.parse({ from: '+919800000061', text }));
    expect(said('8ch recorder zorva 3')).toEqual(['Z11 R-8 x3']);
    expect(said('16 port switch zorva 2')).toEqual(['Z11 S-16 x2']);
    expect(said('2 zorva 8 port switch')).toEqual(['Z11 S-8 x2']);
  });
});

describe('a weight beside a product sold both by the kilo and in packets', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'N-8,Zelt Hex Nut M8,kg,,,110.00,,Zelt,Nuts',
      'N-10,Zelt Hex Nut M10,kg,,,112.00,,Zelt,Nuts',
      'L-10,Zelt Lock Nut M10,packet,100,pcs,90.00,,Zelt,Nuts',
      'W-10,Zelt Spring Washer M10,kg,,,145.00,,Zelt,Washers',
      'W-12,Zelt Spring Washer M12,kg,,,140.00,,Zelt,Washers',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Z12,Kiran Fasteners,+919800000061,,West,RETAIL,,0.00',
    ].join('\n'),
  );

  it('reads the weight as the quantity of the one SKU sold by weight that the words leave', () => {
    const r = world.parse({
      from: '+919800000061',
      text: 'nut M10 - 15 kg\nspring washer M10 - 5kg',
    });
    expect(linesOf(r)).toEqual(['Z12 N-10 x15', 'Z12 W-10 x5']);
  });
});

describe('a correction naming only a size', () => {
  const boards = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'B-32,Zeno Board 32 inch,piece,,,2900.00,,Zeno,Boards',
      'B-29,Zeno Board 29 inch,piece,,,2400.00,,Zeno,Boards',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Z17,Kiran Games,+919800000111,,West,RETAIL,,0.00',
    ].join('\n'),
  );

  it('changes the quantity of the one line of that size, for a person to confirm', () => {
    const r = boards.parse({
      from: '+919800000111',
      text: 'zeno board 32 inch 4 nos, zeno board 29 inch 6 nos. P.S. make 29 inch 8 nos.',
    });
    expect(linesOf(r)).toEqual(['Z17 B-29 x8', 'Z17 B-32 x4']);
    expect(r.needs_review).toBe(true);
  });
});

describe('a bare count of a product sold in packs', () => {
  const kit = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'W-12,Zeno Whistle,box,12,pcs,480.00,,Zeno,Kit',
      'F-3,Zeno Flask,box,3,pcs,600.00,,Zeno,Kit',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Z18,Kiran Sports,+919800000121,,West,RETAIL,,0.00',
    ].join('\n'),
  );
  const read = (text: string) => kit.parse({ from: '+919800000121', text });

  it('reads pieces where whole packs of six or more divide it, for a person to check', () => {
    const r = read('36 zeno whistle');
    expect(linesOf(r)).toEqual(['Z18 W-12 x3']);
    expect(r.needs_review).toBe(true);
  });

  it('reads packs where they do not divide, or where packs are small', () => {
    expect(linesOf(read('5 zeno whistle'))).toEqual(['Z18 W-12 x5']);
    expect(linesOf(read('6 zeno flask'))).toEqual(['Z18 F-3 x6']);
  });
});

describe('a pack word for a product sold loose', () => {
  const strips = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'V-10,Zeno Vitacaps 10 Capsules,strip,1,strip,150.00,vitacaps,Zeno,Vitality',
      'S-12,Zeno Syrup 100ml,box,12,bottle,900.00,zeno syrup,Zeno,Syrups',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Z19,Kiran Medicals,+919800000131,,West,RETAIL,,0.00',
    ].join('\n'),
  );
  const read = (text: string) => strips.parse({ from: '+919800000131', text });

  it('is a box of how many? for a person, where the SKU is sold by the strip', () => {
    expect(refusalsOf(read('vitacaps 2 box bhejo'))).toContain('quantity_unreadable');
    expect(read('vitacaps 2 strip bhejo').needs_review).toBe(false);
  });

  it('is the SKU’s own container where it is sold in packs', () => {
    expect(read('zeno syrup 2 box bhejo').needs_review).toBe(false);
  });
});

describe('a number and unit word written in the product’s name', () => {
  const mixers = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'MG-3J,Tezz Jet Mixer Grinder 750W 3 Jar,piece,1,pcs,3000.00,,Tezz,Mixer',
      'MG-4J,Tezz Jet Mixer Grinder 750W 4 Jar,piece,1,pcs,3500.00,,Tezz,Mixer',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Z19,Mehta Home,+919800000122,,West,RETAIL,,0.00',
    ].join('\n'),
  );
  const read = (text: string) => mixers.parse({ from: '+919800000122', text });

  it('is the product’s size when another number follows to count it', () => {
    expect(linesOf(read('Tezz Jet 4 jar mixer 5'))).toEqual(['Z19 MG-4J x5']);
    expect(linesOf(read('Tezz Jet 750W 3 jar - 6 pcs'))).toEqual(['Z19 MG-3J x6']);
    expect(read('Tezz Jet 750W 3 jar - 6 pcs').needs_review).toBe(false);
  });

  it('is still the count when nothing else could be, and a person picks the product', () => {
    const r = read('Tezz Jet 4 jar');
    expect(linesOf(r)).toEqual(['Z19 MG-4J x4']);
    expect(r.reasons.map((x) => x.code)).toContain('ambiguous_product');
  });
});
