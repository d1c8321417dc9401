/**
 * The bundled command line (dist/bundle/, made by `npm run build`), run as a user runs it, through
 * bin/ogp-pack: it gives the same outputs and messages as tsc's unbundled dist/cli/main.js, its
 * render worker is found beside its chunks, and `check` loads no renderer.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesIn, unbundledCli } from './helpers/cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = path.join(ROOT, 'dist/bundle');
const LAUNCHER = path.join(ROOT, 'bin/ogp-pack');
const FIXTURE = path.join(ROOT, 'test/fixtures/london-2013');

let work: string;
/** A script that runs tsc's dist/cli/main.js as bin/ogp-pack ran it before there was a bundle. */
let unbundled: string;
/** Module hooks that append the URL of every module a thread loads to $MODULE_LOG. */
let recordModules: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'ogp-bundle-'));
  unbundled = unbundledCli(work);
  writeFileSync(
    path.join(work, 'hooks.mjs'),
    "import { appendFileSync } from 'node:fs';\n" +
      'export async function resolve(specifier, context, next) {\n' +
      '  const resolved = await next(specifier, context);\n' +
      "  appendFileSync(process.env.MODULE_LOG, resolved.url + '\\n');\n" +
      '  return resolved;\n' +
      '}\n',
  );
  recordModules = path.join(work, 'record-modules.mjs');
  writeFileSync(recordModules, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(work, 'hooks.mjs')).href)});\n`);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** The URLs of the modules the run loaded, on every thread, when recorded. */
  modules: string[];
}

function node(args: string[], options: { record?: boolean; env?: Record<string, string> } = {}): Promise<Run> {
  const log = path.join(work, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const env = { ...process.env, NO_COLOR: '1', OGP_PACK_CACHE_DIR: path.join(work, 'cache'), MODULE_LOG: log, ...options.env };
  const argv = options.record ? ['--import', pathToFileURL(recordModules).href, ...args] : args;
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { cwd: ROOT, env, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      const modules = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr, modules });
    });
  });
}

/** The bundle's chunks holding any source whose path (relative to the installation) passes `test`. */
function chunksHolding(test: (source: string) => boolean): string[] {
  const meta = JSON.parse(readFileSync(path.join(BUNDLE, 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  return Object.entries(meta.outputs)
    .filter(([, output]) => Object.keys(output.inputs).some(test))
    .map(([file]) => path.basename(file));
}

const inBundle = (modules: string[]) => modules.filter((url) => url.startsWith(pathToFileURL(BUNDLE).href)).map((url) => path.basename(fileURLToPath(url)));

describe('the bundled command line', () => {
  it('is what bin/ogp-pack runs once built', () => {
    expect(existsSync(path.join(BUNDLE, 'main.js')), 'run `npm run build` first').toBe(true);
    expect(existsSync(path.join(BUNDLE, 'render-worker.js'))).toBe(true);
  });

  it("checks the default pack with the unbundled CLI's findings, exit code and words, and loads no renderer", { timeout: 120_000 }, async () => {
    const [bundled, reference] = await Promise.all([node([LAUNCHER, 'check', 'content'], { record: true }), node([unbundled, 'check', 'content'])]);
    expect(bundled.code).toBe(reference.code);
    expect(bundled.stdout).toBe(reference.stdout);
    expect(bundled.stderr).toBe(reference.stderr);
    expect(bundled.stdout + bundled.stderr).toMatch(/\d+ warnings/);

    const loaded = inBundle(bundled.modules);
    expect(loaded).toContain('main.js');
    expect(bundled.modules.some((url) => url.includes('/dist/cli/'))).toBe(false);
    // Neither a renderer's chunk nor a renderer's package outside the bundle.
    const renderers = chunksHolding((source) => /^src\/render\/|node_modules\/(docx|remark-docx|jszip)\//.test(source));
    expect(renderers.length).toBeGreaterThan(0);
    expect(loaded.filter((chunk) => renderers.includes(chunk))).toEqual([]);
    expect(bundled.modules.filter((url) => /node_modules\/(pdfkit|fontkit|pdfjs-dist)\//.test(url))).toEqual([]);

    // The schemas' validators are those compiled at build time, required from beside the bundle, not compiled by ajv at run time.
    const requires = (await node([LAUNCHER, 'check', FIXTURE], { env: { NODE_DEBUG: 'module' } })).stderr;
    expect(requires).toContain(path.join(BUNDLE, 'validators.cjs'));
    expect(requires).not.toMatch(/ajv\/dist\/2020/);
  });

  it('builds a pack byte for byte as the unbundled CLI does, with its render worker started from the bundle', { timeout: 240_000 }, async () => {
    const out = { bundled: path.join(work, 'bundled'), reference: path.join(work, 'reference') };
    const bundled = await node([LAUNCHER, 'build', FIXTURE, '--out', out.bundled], { record: true });
    const reference = await node([unbundled, 'build', FIXTURE, '--out', out.reference]);
    expect(bundled.stderr).toBe(reference.stderr);
    expect([bundled.code, reference.code]).toEqual([0, 0]);

    const [ours, theirs] = [filesIn(out.bundled), filesIn(out.reference)];
    expect([...ours.keys()]).toEqual([...theirs.keys()]);
    expect([...ours.keys()].filter((file) => /\.(pdf|docx)$/.test(file)).length).toBeGreaterThanOrEqual(4);
    for (const [file, bytes] of ours) expect(bytes.equals(theirs.get(file)!), file).toBe(true);

    // The worker thread (there is one with two cores) ran the bundled worker; the PDF renderer's packages came from node_modules.
    if (availableParallelism() >= 2) expect(inBundle(bundled.modules)).toContain('render-worker.js');
    expect(bundled.modules.some((url) => url.includes('/dist/build/'))).toBe(false);
    expect(bundled.modules.some((url) => /node_modules\/pdfkit\//.test(url))).toBe(true);
  });

  it("keeps Node's compiled code in the cache directory where Node can (22.1 and later), and nowhere when caching is off", async () => {
    const cache = path.join(work, 'compile-cache');
    const first = await node([LAUNCHER, '--version'], { env: { OGP_PACK_CACHE_DIR: cache } });
    expect(first.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    const kept = existsSync(path.join(cache, 'compile')) ? readdirSync(path.join(cache, 'compile'), { recursive: true }) : [];
    if (typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function') expect(kept.length).toBeGreaterThan(0);
    else expect(kept).toEqual([]);

    const off = await node([LAUNCHER, '--version'], { env: { OGP_PACK_CACHE_DIR: '', NODE_DEBUG_NATIVE: 'COMPILE_CACHE' } });
    expect(off.stdout).toBe(first.stdout);
    expect(off.stderr).not.toMatch(/compile cache/i);
  });
});
