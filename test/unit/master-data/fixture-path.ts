import { fileURLToPath } from 'node:url';

/** Absolute path of a file in test/fixtures/master-data. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/master-data/${name}`, import.meta.url));
}
