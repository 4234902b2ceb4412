import { describe, expect, it } from 'vitest';
import { inlineParameters } from '../../../src/db/pipeline/inline-parameters.js';

describe('inlineParameters', () => {
  it('writes each $n as a quoted literal, $10 not read as $1', () => {
    const params = ['a', 2, 3n, true, null, 6, 7, 8, 9, "it's"];
    expect(
      inlineParameters('select $1, $2, $3, $4, $5, $10 where x = $1', params),
    ).toMatchInlineSnapshot(`"select 'a', '2', '3', 'true', NULL, 'it''s' where x = 'a'"`);
  });

  it('leaves strings, quoted names and comments as they are', () => {
    expect(inlineParameters(`select '$1', "a$1", E'\\'$1' -- $1\n, /* $1 */ $1`, ['v'])).toBe(
      `select '$1', "a$1", E'\\'$1' -- $1\n, /* $1 */ 'v'`,
    );
  });

  it('escapes backslashes and quotes in values, and writes arrays, JSON and dates as pg does', () => {
    expect(inlineParameters('select $1', ['a\\b'])).toBe(`select  E'a\\\\b'`);
    expect(inlineParameters('select $1', [['x', 'y"z']])).toBe(`select  E'{"x","y\\\\"z"}'`);
    expect(inlineParameters('select $1::jsonb', [{ k: "o'k" }])).toBe(
      `select '{"k":"o''k"}'::jsonb`,
    );
    expect(inlineParameters('select $1', [new Date('2026-01-02T03:04:05.006Z')])).toMatch(
      /^select '2026-01-0\dT\d\d:\d\d:05\.006[+-]\d\d:\d\d'$/,
    );
  });

  it('refuses what it cannot combine safely: bytes, dollar quoting, two statements, a missing value', () => {
    expect(inlineParameters('select $1', [Buffer.from('x')])).toBeNull();
    expect(inlineParameters('select $$a$$', [])).toBeNull();
    expect(inlineParameters('select 1; select 2', [])).toBeNull();
    expect(inlineParameters('select $2', ['only one'])).toBeNull();
    expect(inlineParameters("select 'open", [])).toBeNull();
    expect(inlineParameters('select 1;', [])).toBe('select 1');
  });
});
