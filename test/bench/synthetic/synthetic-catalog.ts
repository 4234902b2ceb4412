/**
 * A deterministic synthetic catalog: made-up brands × product lines × sizes ×
 * variants, with realistic names, units, pack sizes and some aliases.
 */
import type { CatalogRow } from '../../../src/master-data/index.js';
import { PRODUCT_LINES, type ProductLine } from './product-lines.js';
import { createRng, type Rng } from './prng.js';

const PREFIXES = [
  'Sun',
  'Volt',
  'Star',
  'Roy',
  'Nova',
  'Ganga',
  'Shri',
  'Lux',
  'Prime',
  'Jai',
  'Kiran',
  'Ama',
  'Sona',
  'Hari',
  'Eco',
  'Ruby',
  'Tara',
  'Vira',
  'Omni',
  'Neel',
  'Indra',
  'Lotus',
  'Surya',
  'Maha',
];
const SUFFIXES = [
  'lite',
  'tex',
  'ma',
  'on',
  'gold',
  'plus',
  'star',
  'care',
  'flex',
  'deep',
  'shine',
  'fresh',
  'kraft',
  'line',
  'wave',
];

export interface SyntheticBrand {
  name: string;
  code: string;
  lines: ProductLine[];
}

export interface GenerateCatalogInput {
  skus: number;
  seed: number;
}

export function generateCatalog(input: GenerateCatalogInput): CatalogRow[] {
  const rng = createRng(input.seed);
  const rows: CatalogRow[] = [];
  for (const brand of generateBrands(rng)) {
    for (const line of brand.lines) {
      const priceFactor = 0.85 + rng.next() * 0.3;
      line.sizes.forEach((size) => {
        line.variants.forEach((variant, variantIndex) => {
          if (rows.length >= input.skus) return;
          const sizeCode = size.short.replace(/[^a-z0-9]/gi, '').toUpperCase();
          rows.push({
            sku: `${brand.code}-${line.code}-${sizeCode}-${String(variantIndex + 1).padStart(2, '0')}`,
            name: `${brand.name} ${line.noun} ${variant} ${size.label}`,
            unit: size.unit,
            packSize: size.packSize,
            pieceUnit: size.pieceUnit,
            priceMinor: BigInt(Math.round(size.price * priceFactor * 100)),
            aliases: rng.chance(0.25) ? aliasesFor(rng, brand, line, variant, size.short) : [],
            brand: brand.name,
            category: line.category,
            taxRateBp: null,
          });
        });
      });
      if (rows.length >= input.skus) return rows;
    }
  }
  throw new Error(`only ${rows.length} combinations available for ${input.skus} SKUs`);
}

function generateBrands(rng: Rng): SyntheticBrand[] {
  const names = rng.shuffle(
    PREFIXES.flatMap((prefix) => SUFFIXES.map((suffix) => prefix + suffix)),
  );
  const categories = ['Electrical', 'Hardware', 'FMCG'] as const;
  return names.map((name, index) => {
    const category = rng.pick(categories);
    const inCategory = PRODUCT_LINES.filter((line) => line.category === category);
    const chosen = inCategory.filter(() => rng.chance(0.7));
    return {
      name,
      code: `${name.slice(0, 3).toUpperCase()}${String(index).padStart(3, '0')}`,
      lines: chosen.length > 0 ? chosen : [rng.pick(inCategory)],
    };
  });
}

function aliasesFor(
  rng: Rng,
  brand: SyntheticBrand,
  line: ProductLine,
  variant: string,
  sizeShort: string,
): string[] {
  const noun = rng.pick(line.shortNouns);
  const aliases = [`${brand.name.toLowerCase()} ${noun} ${sizeShort}`];
  if (rng.chance(0.4))
    aliases.push(`${brand.name.slice(0, 3).toLowerCase()} ${variant.toLowerCase()} ${sizeShort}`);
  return aliases;
}

/** The rows as a catalog CSV (docs/parse-cli.md), to time the loader. */
export function catalogCsv(rows: readonly CatalogRow[]): string {
  const quote = (value: string): string =>
    /[",\n|]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  const money = (minor: bigint): string =>
    `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;
  const lines = rows.map((row) =>
    [
      row.sku,
      row.name,
      row.unit,
      String(row.packSize),
      row.pieceUnit ?? '',
      money(row.priceMinor),
      row.aliases.join('|'),
      row.brand ?? '',
      row.category ?? '',
    ]
      .map(quote)
      .join(','),
  );
  return `sku,name,unit,pack_size,piece_unit,price,aliases,brand,category\n${lines.join('\n')}\n`;
}
