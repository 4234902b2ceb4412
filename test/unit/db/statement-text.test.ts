import { describe, expect, it } from 'vitest';
import { isOneStatement } from '../../../src/db/pipeline/statement-text.js';

describe('isOneStatement', () => {
  it('takes one statement, with placeholders, a trailing ; and ; inside strings, names and comments', () => {
    expect(isOneStatement('select $1, $10 where x = $1')).toBe(true);
    expect(isOneStatement('select 1;')).toBe(true);
    expect(isOneStatement('select 1;  \n')).toBe(true);
    expect(isOneStatement(`select ';', "a;b", E'\\';' -- ; select 2\n, /* ; */ $1`)).toBe(true);
  });

  it('refuses two statements, dollar quoting and what it cannot read to the end', () => {
    expect(isOneStatement('select 1; select 2')).toBe(false);
    expect(isOneStatement('select $$a;b$$')).toBe(false);
    expect(isOneStatement('do $body$ begin null; end $body$')).toBe(false);
    expect(isOneStatement("select 'open")).toBe(false);
    expect(isOneStatement('select 1 /* open')).toBe(false);
    expect(isOneStatement(`select E'\\'; select 2`)).toBe(false);
  });
});
