/** The cache's store of tables (src/cache/store.ts): what it keeps, what it refuses, and that it never fails a run. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { arrayOf, cacheTable, isNumber, saveCache, useCache } from '../src/cache/store.js';

const NUMBERS = { packages: ['fontkit'], code: [import.meta.url], valid: arrayOf(isNumber) };
const directory = () => path.join(mkdtempSync(path.join(tmpdir(), 'ogp-pack-store-')), 'cache');

afterEach(() => useCache(undefined));

describe('the cache store', () => {
  it('is off until a command opens it', () => {
    expect(cacheTable('t', NUMBERS)).toBeUndefined();
  });

  it('keeps a table between runs, in one JSON file written whole', () => {
    const dir = directory();
    useCache(dir);
    cacheTable<number[]>('widths-a', NUMBERS)!.set('word', [1, 2.5]);
    saveCache();
    expect(readdirSync(dir)).toEqual(['widths-a.json']);
    const file = JSON.parse(readFileSync(path.join(dir, 'widths-a.json'), 'utf8')) as { stamp: string; entries: unknown };
    expect(file.entries).toEqual([['word', [1, 2.5]]]);
    expect(file.stamp).toMatch(/^ogp-pack@\S+ fontkit@\d+\.\d+\.\d+ [0-9a-f]{16}$/);

    useCache(undefined);
    useCache(dir);
    expect(cacheTable<number[]>('widths-a', NUMBERS)!.get('word')).toEqual([1, 2.5]);
    // Computed by other code, the same table is another: not read.
    expect(cacheTable<number[]>('widths-a', { ...NUMBERS, code: [new URL('../src/cache/root.ts', import.meta.url).href] })!.get('word')).toBeUndefined();
  });

  it('writes back an entry replaced by a run, one its user found wrong', () => {
    const dir = directory();
    useCache(dir);
    cacheTable<number[]>('t', NUMBERS)!.set('x', [1]);
    saveCache();
    useCache(undefined);
    useCache(dir);
    cacheTable<number[]>('t', NUMBERS)!.set('x', [2]);
    saveCache();
    expect((JSON.parse(readFileSync(path.join(dir, 't.json'), 'utf8')) as { entries: unknown }).entries).toEqual([['x', [2]]]);
  });

  it('writes the same file for the same entries, whatever order a run found them in', () => {
    const written = (keys: string[]) => {
      const dir = directory();
      useCache(dir);
      for (const key of keys) cacheTable<number[]>('t', NUMBERS)!.set(key, [key.length]);
      saveCache();
      useCache(undefined);
      return readFileSync(path.join(dir, 't.json'), 'utf8');
    };
    expect(written(['b', 'c', 'a'])).toBe(written(['a', 'b', 'c']));
    expect((JSON.parse(written(['b', 'a'])) as { entries: unknown }).entries).toEqual([['a', [1]], ['b', [1]]]);
  });

  it('takes a malformed entry for a missing one, and drops it when it writes the table again', () => {
    const dir = directory();
    mkdirSync(dir, { recursive: true });
    const stamp = (() => {
      useCache(dir);
      cacheTable<number[]>('t', NUMBERS)!.set('x', [1]);
      saveCache();
      return (JSON.parse(readFileSync(path.join(dir, 't.json'), 'utf8')) as { stamp: string }).stamp;
    })();
    writeFileSync(path.join(dir, 't.json'), JSON.stringify({ format: 1, stamp, entries: [['good', [3]], ['bad', ['three']], ['odd'], 7] }));
    useCache(undefined);
    useCache(dir);
    const table = cacheTable<number[]>('t', NUMBERS)!;
    expect(table.get('bad')).toBeUndefined();
    expect(table.get('good')).toEqual([3]);
    saveCache();
    expect((JSON.parse(readFileSync(path.join(dir, 't.json'), 'utf8')) as { entries: unknown }).entries).toEqual([['good', [3]]]);
  });

  it('never fails a run when its directory cannot be written', () => {
    const blocker = path.join(mkdtempSync(path.join(tmpdir(), 'ogp-pack-store-')), 'a-file');
    writeFileSync(blocker, '');
    useCache(path.join(blocker, 'cache'));
    cacheTable<number[]>('t', NUMBERS)!.set('x', [1]);
    expect(() => saveCache()).not.toThrow();
    expect(readdirSync(path.dirname(blocker))).toEqual(['a-file']);
  });

  it('keeps the most recent table files, and leaves alone what it did not write', () => {
    const dir = directory();
    mkdirSync(path.join(dir, 'compile-cache'), { recursive: true });
    writeFileSync(path.join(dir, 'notes.txt'), 'kept');
    for (let i = 0; i < 70; i++) {
      writeFileSync(path.join(dir, `words-${i}.json`), '{}');
      utimesSync(path.join(dir, `words-${i}.json`), 1_000_000 + i, 1_000_000 + i);
    }
    useCache(dir);
    cacheTable<number[]>('spelling', NUMBERS)!.set('x', [1]);
    saveCache();
    const left = readdirSync(dir);
    expect(left.filter((f) => f.endsWith('.json'))).toHaveLength(60);
    expect(left).toContain('spelling.json');
    expect(left).toContain('words-69.json');
    expect(left).not.toContain('words-0.json');
    expect(left).toContain('notes.txt');
    expect(left).toContain('compile-cache');
  });
});
