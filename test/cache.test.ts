/**
 * The cache of parsed Markdown, shaped words, measured widths and spelling results (src/cache/store.ts): it may
 * spare work, never change a byte. Each run is a process of its own (the command line in
 * `dist/`), as a user's runs are, so that a warm run reads the cache from disk rather than from
 * what an earlier build left in memory.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { filesIn, unbundledCli } from './helpers/cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MULTISCRIPT = path.join(ROOT, 'test/fixtures/multiscript');

/** The fontkit module ogp-pack imports, as Node resolves it from the installation. */
const FONTKIT = execFileSync(process.execPath, ['--input-type=module', '-e', "process.stdout.write(import.meta.resolve('fontkit'))"], { cwd: ROOT, encoding: 'utf8' });

/**
 * Loaded before ogp-pack: at exit, prints how many words fontkit shaped on the main thread with
 * its default features (fontkit's `layout`, counted on its font class) and whether nspell was
 * loaded. Text shaped with features of its own (the renderer's soft-dotted letters under marks)
 * does not go through pdfkit's word layouts, and is not counted.
 */
const PROBE = `data:text/javascript,${encodeURIComponent(`
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { create } from ${JSON.stringify(FONTKIT)};
const require = createRequire(${JSON.stringify(ROOT)});
const font = create(readFileSync(require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf')));
const proto = Object.getPrototypeOf(font);
const layout = proto.layout;
let shaped = 0;
proto.layout = function (...args) { if (args[1] === undefined) shaped++; return layout.apply(this, args); };
if (isMainThread) process.on('exit', () => process.stderr.write('probe ' + JSON.stringify({ shaped, nspell: Object.keys(require.cache).some((k) => k.includes('/nspell/')) }) + '\\n'));
`)}`;

/** Runs the command line compiled by tsc (dist/cli/main.js), unbundled, so that the probe finds nspell among the modules loaded; test/bundle.test.ts runs the bundle. */
const CLI = unbundledCli(mkdtempSync(path.join(tmpdir(), 'ogp-pack-cache-cli-')));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  probe: { shaped: number; nspell: boolean };
}

function ogpPack(args: string[], cache: string): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, OGP_PACK_CACHE_DIR: cache, FORCE_COLOR: '0' };
    execFile(process.execPath, ['--import', PROBE, CLI, ...args], { cwd: ROOT, env, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const line = stderr.split('\n').find((l) => l.startsWith('probe '));
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr, probe: JSON.parse(line?.slice(6) ?? '{"shaped":-1,"nspell":true}') as Run['probe'] });
    });
  });
}

const temporary = (name: string) => mkdtempSync(path.join(tmpdir(), `ogp-pack-cache-${name}-`));

/** The cache's tables by file name, parsed; a file that is not JSON is `null`. */
function tables(cache: string): Map<string, { format?: number; stamp?: string; entries?: [string, unknown][] } | null> {
  return new Map(
    readdirSync(cache).map((file) => {
      try {
        return [file, JSON.parse(readFileSync(path.join(cache, file), 'utf8')) as { entries: [string, unknown][] }];
      } catch {
        return [file, null];
      }
    }),
  );
}

/**
 * Damages every table differently: bytes that are not JSON, a file cut short, another stamp, and
 * entries of the wrong shape; the DOCX's deflated faces are kept in the right shape with another
 * stream, which only their checksum can tell.
 */
function corrupt(cache: string): void {
  readdirSync(cache)
    .sort()
    .forEach((file, index) => {
      const target = path.join(cache, file);
      const text = readFileSync(target, 'utf8');
      const table = JSON.parse(text) as { format: number; stamp: string; entries: [string, unknown][] };
      if (file === 'docx-faces.json') {
        const other = Buffer.from(deflateRawSync(Buffer.from('not the face'))).toString('base64');
        return writeFileSync(target, JSON.stringify({ ...table, entries: table.entries.map(([key, value]) => [key, [other, ...(value as unknown[]).slice(1)]]) }));
      }
      const damaged = [
        () => '\u0000\u00ff not a table',
        () => text.slice(0, Math.floor(text.length / 2)),
        () => JSON.stringify({ ...table, stamp: 'ogp-pack@0.0.0-foreign' }),
        () => JSON.stringify({ ...table, entries: table.entries.map(([key]) => [key, { not: 'an entry' }]) }),
        () => JSON.stringify({ ...table, entries: table.entries.map(([key, value]) => [key, Array.isArray(value) ? value.map(() => [-1, 'x']) : -1]) }),
      ][index % 5]!;
      writeFileSync(target, damaged());
    });
}

/** Builds `args` with an empty, a warm and a damaged cache; every run's files must be the cold run's. */
async function coldWarmCorrupted(name: string, args: string[]): Promise<void> {
  const cache = path.join(temporary(name), 'cache');
  const out = temporary(`${name}-out`);
  const cold = await ogpPack([...args, '--out', path.join(out, 'cold'), '--quiet'], cache);
  expect(cold.stderr).not.toContain('internal error');
  expect(cold.code).toBe(0);
  expect(cold.probe.shaped).toBeGreaterThan(100);
  const written = tables(cache);
  expect([...written.keys()].some((f) => f.startsWith('words-'))).toBe(true);
  expect([...written.keys()].some((f) => f.startsWith('glyph-text-'))).toBe(true);
  expect([...written.keys()].some((f) => f.startsWith('widths-'))).toBe(true);
  expect(written.get('spelling.json')?.entries?.length).toBeGreaterThan(0);
  expect(written.get('markdown.json')?.entries?.length).toBeGreaterThan(0);
  // The render worker keeps the DOCX's deflated faces.
  expect(written.get('docx-faces.json')?.entries?.length).toBe(4);
  expect([...written.values()].every((table) => table?.format === 1 && (table.entries?.length ?? 0) > 0)).toBe(true);

  const warm = await ogpPack([...args, '--out', path.join(out, 'warm'), '--quiet'], cache);
  expect(warm.code).toBe(0);
  // Every word came from the cache, and nothing new was added to it.
  expect(warm.probe).toEqual({ shaped: 0, nspell: false });
  expect(tables(cache)).toEqual(written);

  corrupt(cache);
  const damaged = await ogpPack([...args, '--out', path.join(out, 'damaged'), '--quiet'], cache);
  expect(damaged.stderr).not.toContain('internal error');
  expect(damaged.code).toBe(0);
  expect(damaged.probe.shaped).toBeGreaterThan(100);
  // Each damaged table was written again, whole.
  expect(tables(cache)).toEqual(written);

  const coldFiles = filesIn(path.join(out, 'cold'));
  expect([...coldFiles.keys()].filter((f) => /\.(pdf|docx)$/.test(f)).length).toBeGreaterThanOrEqual(4);
  expect(filesIn(path.join(out, 'warm'))).toEqual(coldFiles);
  expect(filesIn(path.join(out, 'damaged'))).toEqual(coldFiles);
}

const SLOW = { timeout: 600_000 };

describe('the cache', () => {
  it('gives the default pack byte for byte, cold, warm and damaged', SLOW, async () => {
    await coldWarmCorrupted('default', ['build']);
  });

  it('gives a pack in Polish, Turkish, Vietnamese, Greek and Cyrillic byte for byte, cold, warm and damaged', SLOW, async () => {
    await coldWarmCorrupted('multiscript', ['build', MULTISCRIPT]);
  });

  it('gives check the same findings cold and warm, and spares loading the dictionary when warm', SLOW, async () => {
    const cache = path.join(temporary('check'), 'cache');
    const cold = await ogpPack(['check', '--format', 'json'], cache);
    expect(cold.probe.nspell).toBe(true);
    const findings = JSON.parse(cold.stdout) as { rule: string }[];
    expect(findings.some((f) => f.rule === 'spelling')).toBe(true);
    const warm = await ogpPack(['check', '--format', 'json'], cache);
    expect(warm.probe.nspell).toBe(false);
    expect(warm.code).toBe(cold.code);
    expect(JSON.parse(warm.stdout)).toEqual(findings);
  });

  it('--no-cache neither reads nor writes it', SLOW, async () => {
    const cache = path.join(temporary('none'), 'cache');
    const out = temporary('none-out');
    const built = await ogpPack(['build', MULTISCRIPT, '--out', out, '--quiet', '--no-cache'], cache);
    expect(built.code).toBe(0);
    const checked = await ogpPack(['check', MULTISCRIPT, '--no-cache'], cache);
    expect(checked.probe.nspell).toBe(true);
    expect(existsSync(cache)).toBe(false);

    // A warm cache is not read either: the words are shaped again.
    await ogpPack(['build', MULTISCRIPT, '--out', temporary('none-warm'), '--quiet'], cache);
    expect(existsSync(cache)).toBe(true);
    const again = await ogpPack(['build', MULTISCRIPT, '--out', out, '--quiet', '--no-cache'], cache);
    expect(again.probe.shaped).toBeGreaterThan(100);
    expect(filesIn(out).size).toBeGreaterThan(0);
  });
});
