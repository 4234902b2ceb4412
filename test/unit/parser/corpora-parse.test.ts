/**
 * Every message of every set in test/corpora parses without throwing, and each answer is
 * well-formed: one reading rule that throws on some unseen phrasing costs the whole message
 * (the job retries, the dealer waits). The figures are `npm run eval`'s; this only holds the
 * floor under them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../parsers/types.js';
import { worldFromCsv } from '../../support/parser-fixtures.js';

const ROOT = join(import.meta.dirname, '../../corpora');
const sets = readdirSync(ROOT).filter((d) => existsSync(join(ROOT, d, 'messages.jsonl')));

describe('the parser on every in-repo corpus', () => {
  it('has sets to read', () => {
    expect(sets.length).toBeGreaterThanOrEqual(3);
  });

  for (const set of sets) {
    it(`answers every message of ${set} with a well-formed draft`, () => {
      const read = (file: string) => readFileSync(join(ROOT, set, file), 'utf8');
      const reps = existsSync(join(ROOT, set, 'reps.csv')) ? read('reps.csv') : null;
      const world = worldFromCsv(read('catalog.csv'), read('dealers.csv'), reps);
      const skus = new Set(world.catalog.skus.map((s) => s.item.sku));
      const messages = read('messages.jsonl')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map(
          (l) =>
            JSON.parse(l) as {
              id: string;
              channel: Channel;
              from: string;
              text: string;
              subject?: string;
            },
        );
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) {
        const r = world.parse({
          channel: m.channel,
          from: m.from,
          text: m.text,
          subject: m.subject,
        });
        expect(typeof r.needs_review, m.id).toBe('boolean');
        expect(r.confidence, m.id).toBeGreaterThanOrEqual(0);
        expect(r.confidence, m.id).toBeLessThanOrEqual(1);
        for (const line of r.orders.flatMap((o) => o.lines)) {
          expect(skus.has(line.sku), `${m.id} ${line.sku}`).toBe(true);
          expect(line.qty, m.id).toBeGreaterThan(0);
        }
        if (r.intent !== 'order') expect(r.orders, m.id).toEqual([]);
      }
    });
  }
});
