/**
 * Derived data of a compiled dealer directory (name pairs, whole names…), computed the first time
 * a message needs it and kept for as long as the directory lives — as `perCatalog` does for a
 * catalog.
 */
import type { Directory } from './compile-directory.js';

export function perDirectory<T>(derive: (directory: Directory) => T): (directory: Directory) => T {
  const cache = new WeakMap<Directory, T>();
  return (directory) => {
    let value = cache.get(directory);
    if (value === undefined) {
      value = derive(directory);
      cache.set(directory, value);
    }
    return value;
  };
}

/** `items` grouped by `keyOf`, in their order. */
export function groupBy<K, V>(items: Iterable<V>, keyOf: (item: V) => K[]): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const item of items)
    for (const key of keyOf(item)) {
      const list = groups.get(key);
      if (list) list.push(item);
      else groups.set(key, [item]);
    }
  return groups;
}
