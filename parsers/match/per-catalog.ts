/**
 * Derived data of a compiled catalog (its unit words, the numbers its names carry…), kept for as
 * long as the catalog lives. The one owner of such data: every derivation made here is also
 * computed when the catalog is compiled (`deriveAll`), so the first messages after a catalog
 * change do not pay for them; what a message memoises (its readings) stays elsewhere and starts
 * empty.
 */
import type { CompiledCatalog } from './compile-catalog.js';

const derivations: ((catalog: CompiledCatalog) => unknown)[] = [];

export function perCatalog<T>(
  derive: (catalog: CompiledCatalog) => T,
): (catalog: CompiledCatalog) => T {
  const cache = new WeakMap<CompiledCatalog, T>();
  const get = (catalog: CompiledCatalog): T => {
    let value = cache.get(catalog);
    if (value === undefined) {
      value = derive(catalog);
      cache.set(catalog, value);
    }
    return value;
  };
  derivations.push(get);
  return get;
}

/** Computes every derivation of the modules loaded so far for a freshly compiled catalog. */
export function deriveAll(catalog: CompiledCatalog): void {
  for (const get of derivations) get(catalog);
}
