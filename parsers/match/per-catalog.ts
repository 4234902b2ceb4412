/**
 * Derived data of a compiled catalog (its unit words, the numbers its names carry…), computed
 * the first time a message needs it and kept for as long as the catalog lives.
 */
import type { CompiledCatalog } from './compile-catalog.js';

export function perCatalog<T>(
  derive: (catalog: CompiledCatalog) => T,
): (catalog: CompiledCatalog) => T {
  const cache = new WeakMap<CompiledCatalog, T>();
  return (catalog) => {
    let value = cache.get(catalog);
    if (value === undefined) {
      value = derive(catalog);
      cache.set(catalog, value);
    }
    return value;
  };
}
