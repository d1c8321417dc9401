import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { smallPack } from './helpers/small-pack.js';

interface Streams {
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  env?: Record<string, string | undefined>;
}

async function cli(args: string[], cwd: string, { stdoutTTY, stderrTTY, env = {} }: Streams = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { cwd, env, stdout: { isTTY: stdoutTTY, write: (s: string) => (stdout += s) }, stderr: { isTTY: stderrTTY, write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

const BROKEN = '---\nid: budget\ntitle: Budget\nstatus: lost\n---\n\nText.\n';
const TIMEOUT = { timeout: 60_000 };

describe('ogp-pack build --reporter', () => {
  it('github: one workflow command per problem, with file, line, column and the rule as title', TIMEOUT, async () => {
    const dir = smallPack({ 'papers/budget.md': BROKEN });
    const { code, stdout, stderr } = await cli(['build', '--format', 'docx', '--reporter', 'github'], dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const commands = stderr.split('\n').filter((line) => line.startsWith('::'));
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatch(/^::error file=content\/papers\/budget\.md,line=4,col=9,(endLine=\d+,endColumn=\d+,)?title=schema::`status` is "lost"; it must be one of: /);
    expect(stderr).toContain('Nothing was written to out/.');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('json: stderr is the array check --format json prints, even when empty', TIMEOUT, async () => {
    const dir = smallPack({ 'papers/budget.md': BROKEN });
    const failed = await cli(['build', '--format', 'docx', '--reporter', 'json'], dir);
    expect(failed.code).toBe(1);
    const [entry, ...rest] = JSON.parse(failed.stderr) as Record<string, unknown>[];
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ file: 'content/papers/budget.md', line: 4, column: 9, severity: 'error', rule: 'schema' });
    expect(JSON.parse(failed.stderr)).toEqual(JSON.parse((await cli(['check', '--format', 'json'], dir)).stdout));

    writeFileSync(path.join(dir, 'content/papers/budget.md'), BROKEN.replace('lost', 'included'));
    const passed = await cli(['build', '--format', 'docx', '--reporter', 'json'], dir);
    expect(passed.code).toBe(0);
    expect(JSON.parse(passed.stderr)).toEqual([]);
    expect(passed.stdout.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('refuses an unknown reporter as a usage error', async () => {
    expect((await cli(['build', '--reporter', 'xml'], smallPack())).code).toBe(2);
  });

  it('check accepts --reporter as another name for --format', TIMEOUT, async () => {
    const dir = smallPack({ 'papers/budget.md': BROKEN });
    const viaReporter = await cli(['check', '--reporter', 'github'], dir);
    expect(viaReporter.stdout).toMatch(/^::error file=content\/papers\/budget\.md,line=4,col=9/m);
    expect(viaReporter.stdout).toBe((await cli(['check', '--format', 'github'], dir)).stdout);
  });
});

describe('ogp-pack build progress', () => {
  it('piped: exactly one line per output on stdout, when it is written, and nothing on stderr', TIMEOUT, async () => {
    const { code, stdout, stderr } = await cli(['build', '--format', 'docx'], smallPack());
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^wrote out\/public\/test-pack-public\.docx \(public edition, \d+ bytes, \d+\.\d s\)$/);
    expect(lines[1]).toMatch(/^wrote out\/committee\/test-pack-committee\.docx \(committee edition, \d+ bytes, \d+\.\d s\)$/);
  });

  it('on a terminal: each output on stderr as it renders, then done, in colour', TIMEOUT, async () => {
    const { code, stdout, stderr } = await cli(['build', '--format', 'docx'], smallPack(), { stdoutTTY: true, stderrTTY: true });
    expect(code).toBe(0);
    for (const edition of ['public', 'committee']) {
      // The status line names the output, then is cleared (carriage return, spaces, carriage return) for its done line.
      expect(stderr).toMatch(new RegExp(`  rendering test-pack-${edition}\\.docx …\\r +\\r  \\u001b\\[32m✔\\u001b\\[39m test-pack-${edition}\\.docx  \\d+\\.\\d s\\n`));
    }
    // Nothing is left on the status line at the end.
    expect(stderr.endsWith(' s\n')).toBe(true);
    expect(stdout.match(/^wrote /gm)).toHaveLength(2);
  });

  it('NO_COLOR: no escape codes at all, even on a terminal; the progress is still shown', TIMEOUT, async () => {
    const dir = smallPack({ 'notes.md': 'A stray note.\n' });
    const { code, stdout, stderr } = await cli(['build', '--format', 'docx'], dir, { stdoutTTY: true, stderrTTY: true, env: { NO_COLOR: '1' } });
    expect(code).toBe(0);
    expect(stderr).toContain('content/notes.md:1:1  warning');
    expect(stderr).toContain('✔ test-pack-public.docx');
    expect(stderr + stdout).not.toContain('\u001b');
  });

  it('--quiet: nothing at all on success, warnings included; errors only on failure', TIMEOUT, async () => {
    const dir = smallPack({ 'notes.md': 'A stray note.\n' });
    expect(await cli(['build', '--format', 'docx', '--quiet'], dir, { stderrTTY: true })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await cli(['build', '--format', 'docx'], dir)).stderr).toContain('unknown-source');

    writeFileSync(path.join(dir, 'content/papers/budget.md'), BROKEN);
    const failed = await cli(['build', '--format', 'docx', '--quiet'], dir);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toContain('content/papers/budget.md:4:9  error');
    expect(failed.stderr).not.toContain('warning  ');
    expect(failed.stderr).toContain('✖ 1 error, ⚠ 0 warnings');
  });

  it('--verbose: how long reading, each output and writing took', TIMEOUT, async () => {
    const { code, stderr } = await cli(['build', '--format', 'docx', '--edition', 'public', '--verbose'], smallPack());
    expect(code).toBe(0);
    expect(stderr.split('\n')).toEqual([
      expect.stringMatching(/^  read, checked and planned the sources in \d+\.\d s$/),
      expect.stringMatching(/^  rendered and gated test-pack-public\.docx in \d+\.\d s$/),
      expect.stringMatching(/^  wrote 2 files to out\/ in \d+\.\d s$/),
      expect.stringMatching(/^  built in \d+\.\d s$/),
      '',
    ]);
    expect((await cli(['build', '--quiet', '--verbose'], smallPack())).code).toBe(2);
  });

  it('--help describes the reporters, quiet and verbose', async () => {
    const { stdout } = await cli(['build', '--help'], smallPack());
    expect(stdout).toContain('--reporter <format>');
    expect(stdout).toContain('--quiet');
    expect(stdout).toContain('--verbose');
  });
});
