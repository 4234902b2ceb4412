import type { CatalogItem } from '../types.js';

/** The catalog compiled once into indexes the matcher reads. */
export interface CompiledCatalog {
  items: CatalogItem[];
  bySku: Map<string, CatalogItem>;
}

export function compileCatalog(items: CatalogItem[]): CompiledCatalog {
  return { items, bySku: new Map(items.map((item) => [item.sku.toLowerCase(), item])) };
}
