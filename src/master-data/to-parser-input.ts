/**
 * Maps master-data rows onto the parser's own shapes (parsers/types.ts).
 * Prices, credit and price lists stay behind: the parser reads text, not money.
 */
import type { CatalogItem, DealerEntry, RepEntry } from '../../parsers/index.js';
import type { CatalogRow } from './catalog-file.js';
import type { DealerRow } from './dealers-file.js';
import type { RepRow } from './reps-file.js';

export function toCatalogItem(row: CatalogRow): CatalogItem {
  return {
    sku: row.sku,
    name: row.name,
    unit: row.unit,
    packSize: row.packSize,
    pieceUnit: row.pieceUnit,
    aliases: [...row.aliases],
    brand: row.brand,
    category: row.category,
  };
}

export function toDealerEntry(row: DealerRow): DealerEntry {
  return {
    code: row.code,
    name: row.name,
    phones: [...row.phones],
    emails: [...row.emails],
    region: row.region,
  };
}

export function toRepEntry(row: RepRow): RepEntry {
  return {
    code: row.code,
    name: row.name,
    phones: [...row.phones],
    emails: [...row.emails],
    dealers: [...row.dealers],
  };
}
