import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { watch } from '../src/cli/watch.js';
import type { CliIo } from '../src/cli/io.js';
import { SourceCache } from '../src/load/cache.js';
import { filesIn } from './helpers/cli.js';
import { BUDGET_PAPER, smallPack } from './helpers/small-pack.js';

/** An io that collects what is printed, with a clock stopped at 12:03:04 local time. */
function collectingIo(cwd: string) {
  const printed = { stdout: '', stderr: '' };
  const io: CliIo = {
    cwd,
    env: {},
    stdout: { write: (s: string) => (printed.stdout += s) },
    stderr: { write: (s: string) => (printed.stderr += s) },
    now: () => new Date(2015, 9, 26, 12, 3, 4),
  };
  return { io, printed };
}

/** Waits for a condition, checking every 50 ms; the machine is slow and shared, so the limit is generous. */
async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;
const docxText = async (file: string) => (await mammoth.extractRawText({ buffer: readFileSync(file) })).value;

describe('ogp-pack watch', () => {
  it('rebuilds after an edit, parsing only the edited paper; a broken paper leaves out/ as it was; fixing it rebuilds', { timeout: 240_000 }, async () => {
    const dir = smallPack();
    const { io, printed } = collectingIo(dir);
    const cache = new SourceCache();
    const stop = new AbortController();
    const watching = watch('content', { format: 'docx', edition: 'public', out: 'out', cache }, io, stop.signal);
    const paper = path.join(dir, 'content/papers/budget.md');
    const output = path.join(dir, 'out/public/test-pack-public.docx');
    try {
      await until(() => printed.stdout.includes(' built in '), 'the first build');
      expect(printed.stdout).toMatch(/^12:03:04 built in \d+\.\d s: wrote out\/public\/test-pack-public\.docx\n$/);
      expect(printed.stderr).toBe('Watching content/ for changes; press Ctrl-C to stop.\n');
      expect(await docxText(output)).toContain('The budget grows by ten per cent.');
      expect(cache.parsed).toEqual(['meeting.yaml', 'papers/budget.md', 'sessions/only.yaml']);

      cache.parsed.length = 0;
      writeFileSync(paper, BUDGET_PAPER.replace('ten per cent', 'twenty per cent'));
      await until(() => count(printed.stdout, / rebuilt in /g) === 1, 'the rebuild after an edit');
      expect(printed.stdout.split('\n')[1]).toMatch(/^12:03:04 rebuilt in \d+\.\d s: wrote out\/public\/test-pack-public\.docx$/);
      expect(cache.parsed).toEqual(['papers/budget.md']);
      const text = await docxText(output);
      expect(text).toContain('The budget grows by twenty per cent.');
      expect(text).not.toContain('ten per cent');

      const before = readFileSync(output);
      const listed = filesIn(path.join(dir, 'out'));
      writeFileSync(paper, BUDGET_PAPER.replace('status: included', 'status: lost'));
      await until(() => printed.stderr.includes('rebuild failed'), 'the failed rebuild');
      expect(printed.stderr).toContain('content/papers/budget.md:4:9  error  `status` is "lost"');
      expect(printed.stderr).toContain('12:03:04 rebuild failed; out/ keeps the last pack. Fix the sources and save.\n');
      expect(readFileSync(output).equals(before)).toBe(true);
      expect(filesIn(path.join(dir, 'out'))).toEqual(listed);

      writeFileSync(paper, BUDGET_PAPER.replace('ten per cent', 'thirty per cent'));
      await until(() => count(printed.stdout, / rebuilt in /g) === 2, 'the rebuild after the fix');
      expect(await docxText(output)).toContain('The budget grows by thirty per cent.');
    } finally {
      stop.abort();
    }
    expect(await watching).toBe(0);
  });

  it('refuses an output directory inside the content directory, whose outputs would be read as sources', async () => {
    const { io, printed } = collectingIo(smallPack());
    expect(await watch('content', { format: 'docx', out: 'content/papers/out' }, io, AbortSignal.abort())).toBe(2);
    expect(printed.stderr).toBe('ogp-pack watch: the output directory content/papers/out/ is inside the content directory, whose files are all read as sources (only its own out/ is not). Write the pack elsewhere, e.g. --out out beside the content directory.\n');
  });

  it('ignores hidden files and editors\' temporary files inside the content directory', { timeout: 240_000 }, async () => {
    const dir = smallPack();
    const { io, printed } = collectingIo(dir);
    const stop = new AbortController();
    const watching = watch('content', { format: 'docx', edition: 'public', out: 'out', debounceMs: 50 }, io, stop.signal);
    try {
      await until(() => printed.stdout.includes(' built in '), 'the first build');
      writeFileSync(path.join(dir, 'content/papers/.budget.md.swp'), 'swap');
      writeFileSync(path.join(dir, 'content/papers/budget.md~'), 'backup');
      // Nothing should happen; a rebuild would have started well within this time.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(count(printed.stdout, / rebuilt in /g)).toBe(0);

      writeFileSync(path.join(dir, 'content/papers/budget.md'), BUDGET_PAPER.replace('ten per cent', 'twelve per cent'));
      await until(() => count(printed.stdout, / rebuilt in /g) === 1, 'the rebuild after an edit');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(count(printed.stdout, / rebuilt in /g)).toBe(1);
    } finally {
      stop.abort();
    }
    expect(await watching).toBe(0);
  });

  it('refuses what build refuses, as a usage error, without watching', async () => {
    const { io, printed } = collectingIo(smallPack());
    expect(await watch('content', { format: 'rtf', out: 'out' }, io, AbortSignal.abort())).toBe(2);
    expect(printed.stderr).toContain('ogp-pack watch: unknown format "rtf"');
  });
});
