/**
 * What a general-trade distributor (electrical, hardware, FMCG) sells,
 * as product lines whose sizes and variants multiply into SKUs.
 */
export interface SizeSpec {
  /** As printed: "1.5 sq mm", "500 g". */
  label: string;
  /** As dealers type it: "1.5mm", "500g". */
  short: string;
  unit: string;
  packSize: number;
  pieceUnit: string | null;
  /** List price of one sales unit, in rupees. */
  price: number;
}

export interface ProductLine {
  code: string;
  category: 'Electrical' | 'Hardware' | 'FMCG';
  noun: string;
  /** What dealers call it when they are in a hurry. */
  shortNouns: string[];
  sizes: SizeSpec[];
  variants: string[];
}

const size = (
  label: string,
  unit: string,
  packSize: number,
  pieceUnit: string | null,
  price: number,
): SizeSpec => ({
  label,
  short: label.replace(/\s+/g, '').toLowerCase(),
  unit,
  packSize,
  pieceUnit,
  price,
});

const COLOURS = ['Red', 'Black', 'Blue', 'Yellow', 'Green', 'Grey'];
const PAINT_SHADES = [
  'Brilliant White',
  'Off White',
  'Ivory',
  'Lemon Yellow',
  'Sky Blue',
  'Peach',
  'Lilac',
  'Apple Green',
  'Terracotta',
  'Light Grey',
  'Cream',
  'Sea Green',
  'Bright Red',
  'Orange',
];

export const PRODUCT_LINES: readonly ProductLine[] = [
  {
    code: 'WIR',
    category: 'Electrical',
    noun: 'FR PVC Wire 90 m',
    shortNouns: ['wire', 'cable'],
    sizes: [
      size('0.75 sq mm', 'roll', 1, 'roll', 780),
      size('1 sq mm', 'roll', 1, 'roll', 1010),
      size('1.5 sq mm', 'roll', 1, 'roll', 1390),
      size('2.5 sq mm', 'roll', 1, 'roll', 2240),
      size('4 sq mm', 'roll', 1, 'roll', 3520),
      size('6 sq mm', 'roll', 1, 'roll', 5230),
    ],
    variants: COLOURS,
  },
  {
    code: 'LED',
    category: 'Electrical',
    noun: 'LED Bulb',
    shortNouns: ['bulb', 'led'],
    sizes: [
      size('5W', 'case', 100, 'bulb', 5200),
      size('7W', 'case', 100, 'bulb', 6100),
      size('9W', 'case', 50, 'bulb', 3250),
      size('12W', 'case', 50, 'bulb', 4100.75),
      size('15W', 'case', 40, 'bulb', 4480),
      size('20W', 'case', 40, 'bulb', 6020),
    ],
    variants: [
      'Cool White B22',
      'Warm White B22',
      'Cool White E27',
      'Warm White E27',
      'Neutral White B22',
    ],
  },
  {
    code: 'BAT',
    category: 'Electrical',
    noun: 'LED Batten',
    shortNouns: ['batten', 'tubelight', 'tube'],
    sizes: [
      size('10W 2 ft', 'box', 10, 'piece', 2150),
      size('20W 4 ft', 'box', 10, 'piece', 2890),
      size('22W 4 ft', 'box', 10, 'piece', 3120),
      size('36W 4 ft', 'box', 10, 'piece', 4450),
    ],
    variants: ['Cool White', 'Warm White', 'Neutral White'],
  },
  {
    code: 'MCB',
    category: 'Electrical',
    noun: 'MCB',
    shortNouns: ['mcb', 'breaker'],
    sizes: ['6A', '10A', '16A', '20A', '25A', '32A', '40A', '63A'].map((amp, i) =>
      size(amp, 'box', 12, 'piece', 1500 + i * 96),
    ),
    variants: ['SP C-Curve', 'DP C-Curve', 'TP C-Curve', 'SP B-Curve', 'DP B-Curve'],
  },
  {
    code: 'SWT',
    category: 'Electrical',
    noun: 'Modular Switch',
    shortNouns: ['switch'],
    sizes: [
      size('6A', 'box', 20, 'piece', 640.4),
      size('10A', 'box', 20, 'piece', 720),
      size('16A', 'box', 10, 'piece', 910),
    ],
    variants: [
      '1-Way White',
      '2-Way White',
      '1-Way Black',
      '2-Way Grey',
      'Bell Push White',
      'Indicator White',
    ],
  },
  {
    code: 'SKT',
    category: 'Electrical',
    noun: 'Socket',
    shortNouns: ['socket', 'plug point'],
    sizes: [size('6A', 'box', 10, 'piece', 820), size('16A', 'box', 10, 'piece', 1180)],
    variants: ['3-Pin White', '5-Pin White', 'Universal Black', 'Universal White'],
  },
  {
    code: 'FAN',
    category: 'Electrical',
    noun: 'Ceiling Fan',
    shortNouns: ['fan', 'ceiling fan'],
    sizes: [
      size('900 mm', 'piece', 1, null, 1890),
      size('1200 mm', 'piece', 1, null, 2150),
      size('1400 mm', 'piece', 1, null, 2480),
    ],
    variants: ['Brown', 'White', 'Ivory', 'Silver', 'Metallic Blue'],
  },
  {
    code: 'CON',
    category: 'Electrical',
    noun: 'PVC Conduit Pipe 3 m',
    shortNouns: ['pipe', 'conduit'],
    sizes: [
      size('20 mm', 'bundle', 10, 'length', 540),
      size('25 mm', 'bundle', 10, 'length', 720),
      size('32 mm', 'bundle', 10, 'length', 1040),
    ],
    variants: ['Light', 'Medium', 'Heavy'],
  },
  {
    code: 'PUT',
    category: 'Hardware',
    noun: 'Wall Putty',
    shortNouns: ['putty'],
    sizes: [
      size('1 kg', 'case', 20, 'bag', 760),
      size('5 kg', 'bag', 1, 'bag', 210),
      size('20 kg', 'bag', 1, 'bag', 740),
      size('40 kg', 'bag', 1, 'bag', 1390),
    ],
    variants: ['White', 'Acrylic', 'Water Resistant'],
  },
  {
    code: 'EMU',
    category: 'Hardware',
    noun: 'Interior Emulsion',
    shortNouns: ['emulsion', 'paint'],
    sizes: [
      size('1 L', 'case', 6, 'bucket', 1560),
      size('4 L', 'bucket', 1, 'bucket', 990),
      size('10 L', 'bucket', 1, 'bucket', 2380),
      size('20 L', 'drum', 1, 'drum', 4520),
    ],
    variants: PAINT_SHADES,
  },
  {
    code: 'ENA',
    category: 'Hardware',
    noun: 'Synthetic Enamel',
    shortNouns: ['enamel', 'oil paint'],
    sizes: [
      size('200 ml', 'case', 24, 'tin', 1780),
      size('500 ml', 'case', 12, 'tin', 2050),
      size('1 L', 'case', 6, 'tin', 1980),
      size('4 L', 'tin', 1, 'tin', 1240),
    ],
    variants: PAINT_SHADES,
  },
  {
    code: 'SCR',
    category: 'Hardware',
    noun: 'Wood Screw',
    shortNouns: ['screw', 'screws'],
    sizes: [
      size('6 x 25 mm', 'box', 200, 'pcs', 180),
      size('8 x 32 mm', 'box', 200, 'pcs', 240),
      size('8 x 50 mm', 'box', 100, 'pcs', 210),
      size('10 x 75 mm', 'box', 100, 'pcs', 330),
    ],
    variants: ['CSK Philips', 'Pan Head', 'Self Tapping', 'Zinc Plated'],
  },
  {
    code: 'DET',
    category: 'FMCG',
    noun: 'Detergent Powder',
    shortNouns: ['powder', 'surf', 'detergent'],
    sizes: [
      size('500 g', 'case', 24, 'packet', 1080),
      size('1 kg', 'case', 12, 'packet', 1020),
      size('2 kg', 'case', 6, 'packet', 1000),
      size('4 kg', 'bag', 1, 'bag', 330),
    ],
    variants: ['Lemon', 'Rose', 'Jasmine', 'Original', 'Matic Front Load'],
  },
  {
    code: 'SOP',
    category: 'FMCG',
    noun: 'Bath Soap',
    shortNouns: ['soap', 'sabun'],
    sizes: [
      size('75 g', 'case', 72, 'bar', 1890),
      size('100 g', 'case', 48, 'bar', 1640),
      size('125 g', 'case', 48, 'bar', 1980),
      size('150 g', 'case', 36, 'bar', 1750),
    ],
    variants: ['Sandal', 'Neem', 'Lime', 'Rose', 'Aloe Vera', 'Milk Cream'],
  },
  {
    code: 'TPS',
    category: 'FMCG',
    noun: 'Toothpaste',
    shortNouns: ['paste', 'toothpaste'],
    sizes: [
      size('50 g', 'case', 72, 'tube', 1800),
      size('100 g', 'case', 48, 'tube', 2260),
      size('150 g', 'case', 36, 'tube', 2340),
      size('200 g', 'case', 24, 'tube', 2030),
    ],
    variants: ['Fresh Gel', 'Herbal', 'Salt', 'Clove', 'Whitening'],
  },
  {
    code: 'BIS',
    category: 'FMCG',
    noun: 'Biscuits',
    shortNouns: ['biscuit', 'biscuits'],
    sizes: [
      size('50 g', 'carton', 96, 'packet', 460),
      size('100 g', 'carton', 48, 'packet', 470),
      size('200 g', 'carton', 24, 'packet', 480),
      size('400 g', 'carton', 12, 'packet', 490),
    ],
    variants: ['Glucose', 'Marie', 'Cream Chocolate', 'Butter', 'Salted', 'Elaichi'],
  },
  {
    code: 'OIL',
    category: 'FMCG',
    noun: 'Refined Sunflower Oil',
    shortNouns: ['oil', 'sunflower oil'],
    sizes: [
      size('500 ml', 'case', 20, 'pouch', 1640),
      size('1 L', 'case', 12, 'pouch', 1910),
      size('5 L', 'case', 4, 'jar', 3150),
      size('15 L', 'tin', 1, 'tin', 2390),
    ],
    variants: ['Pouch', 'Bottle', 'Lite'],
  },
  {
    code: 'TEA',
    category: 'FMCG',
    noun: 'Tea',
    shortNouns: ['chai', 'tea', 'chai patti'],
    sizes: [
      size('100 g', 'case', 60, 'packet', 3300),
      size('250 g', 'case', 24, 'packet', 3120),
      size('500 g', 'case', 12, 'packet', 3060),
      size('1 kg', 'case', 6, 'packet', 3000),
    ],
    variants: ['Premium Dust', 'Leaf', 'Masala', 'Elaichi', 'Green'],
  },
  {
    code: 'SHA',
    category: 'FMCG',
    noun: 'Shampoo',
    shortNouns: ['shampoo'],
    sizes: [
      size('8 ml', 'strip', 16, 'sachet', 30),
      size('80 ml', 'case', 48, 'bottle', 2880),
      size('180 ml', 'case', 24, 'bottle', 3670),
      size('340 ml', 'case', 12, 'bottle', 3420),
      size('650 ml', 'case', 6, 'bottle', 3390),
    ],
    variants: ['Anti-Dandruff', 'Smooth Silky', 'Herbal', 'Colour Protect'],
  },
  {
    code: 'NDL',
    category: 'FMCG',
    noun: 'Instant Noodles',
    shortNouns: ['noodles', 'maggi'],
    sizes: [
      size('70 g', 'case', 96, 'packet', 1150),
      size('280 g 4-pack', 'case', 24, 'pack', 1140),
    ],
    variants: ['Masala', 'Chicken', 'Veg Atta', 'Curry', 'Chilli Garlic'],
  },
];
