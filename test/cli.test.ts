import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { CONTENT_DIR } from './helpers/trees.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function cli(args: string[], cwd = ROOT, env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { cwd, env, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

/** A copy of the default content in a temporary directory. */
function contentCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ogp-pack-'));
  cpSync(CONTENT_DIR, path.join(dir, 'content'), { recursive: true });
  return dir;
}

describe('ogp-pack check', () => {
  it('passes the default content with exit 0 and a summary line', async () => {
    const { code, stdout } = await cli(['check']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\n✖ 0 errors, ⚠ \d+ warnings\n/);
    expect((await cli(['check', '--quiet'])).stdout).toBe('✖ 0 errors, ⚠ 0 warnings\n');
  });

  it('prints file:line:column  severity  message  rule and exits 1 on errors', async () => {
    const dir = contentCopy();
    writeFileSync(path.join(dir, 'content/papers/broken.md'), '---\nid: broken\ntitle: Broken\nstatus: lost\n---\n');
    const { code, stdout } = await cli(['check', 'content', '--quiet'], dir);
    expect(code).toBe(1);
    expect(stdout.split('\n')).toEqual([
      'content/papers/broken.md:4:9  error  `status` is "lost"; it must be one of: included, withheld, at-meeting, to-follow.  schema',
      '✖ 1 error, ⚠ 0 warnings',
      '',
    ]);
  });

  it('colours severities only on a terminal without NO_COLOR', async () => {
    const dir = contentCopy();
    writeFileSync(path.join(dir, 'content/papers/broken.md'), '---\nid: broken\ntitle: Broken\nstatus: lost\n---\n');
    const withTty = async (env: Record<string, string>) => {
      let out = '';
      await run(['check'], { cwd: dir, env, stdout: { isTTY: true, write: (s: string) => (out += s) }, stderr: { write: () => true } });
      return out;
    };
    expect(await withTty({})).toContain('\u001b[31merror\u001b[39m');
    expect(await withTty({ NO_COLOR: '1' })).not.toContain('\u001b[');
  });

  it('reports a missing content directory as a usage error, not a crash', async () => {
    const { code, stderr } = await cli(['check', 'no-such-dir'], mkdtempSync(path.join(tmpdir(), 'ogp-pack-')));
    expect(code).toBe(2);
    expect(stderr).toBe('ogp-pack: no content directory at no-such-dir. Name a directory holding meeting.yaml, e.g. `ogp-pack check content`.\n');
  });

  it('reports a content or output directory under a file as missing, not as a bug', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ogp-pack-'));
    writeFileSync(path.join(dir, 'notes'), 'a file');
    for (const args of [['check', 'notes/next'], ['build', 'notes/next']]) {
      const { code, stderr } = await cli(args, dir);
      expect(code).toBe(2);
      expect(stderr).toBe('ogp-pack: no content directory at notes/next. Name a directory holding meeting.yaml, e.g. `ogp-pack check content`.\n');
    }
    const leaks = await cli(['check', CONTENT_DIR, '--leaks', 'notes/next'], dir);
    expect(leaks.code).toBe(2);
    expect(leaks.stderr).toMatch(/^ogp-pack check: no output directory at notes\/next\./);
  });

  it('reports a directory without meeting.yaml', async () => {
    const { code, stdout } = await cli(['check', '.'], mkdtempSync(path.join(tmpdir(), 'ogp-pack-')));
    expect(code).toBe(1);
    expect(stdout).toContain('meeting.yaml:1:1  error  No meeting.yaml');
  });
});

describe('ogp-pack build', () => {
  it('writes nothing and keeps the previous pack when the content has errors', async () => {
    const dir = contentCopy();
    mkdirSync(path.join(dir, 'out'));
    writeFileSync(path.join(dir, 'out/manifest.json'), '{"previous": true}');
    writeFileSync(path.join(dir, 'content/papers/broken.md'), '---\nid: broken\ntitle: Broken\nstatus: lost\n---\n');
    const { code, stdout, stderr } = await cli(['build'], dir);
    expect(code).toBe(1);
    expect(stderr).toContain('content/papers/broken.md:4:9  error');
    expect(stderr).toContain('Nothing was written to out/.');
    expect(stdout).toBe('');
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['manifest.json']);
    expect(readFileSync(path.join(dir, 'out/manifest.json'), 'utf8')).toBe('{"previous": true}');
  });

  it('the compiled bin/ogp-pack builds the default pack: each edition as PDF and DOCX, and a manifest that matches them', { timeout: 120_000 }, async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'ogp-out-'));
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/ogp-pack'), 'build', '--out', out], { cwd: ROOT });
    expect(stdout).toMatch(/^wrote .*ogp-sc-2015-10-mexico-city-public\.pdf \(public edition, \d+ pages, \d+ bytes, \d+\.\d s\)\nwrote .*ogp-sc-2015-10-mexico-city-public\.docx .*\nwrote .*-committee\.pdf \(committee edition, \d+ pages, \d+ bytes, \d+\.\d s\)\nwrote .*-committee\.docx/);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { outputs: { path: string; format: string; edition: string; sha256: string; bytes: number }[] };
    expect(manifest.outputs.map((o) => `${o.edition} ${o.format}`)).toEqual(['public pdf', 'public docx', 'committee pdf', 'committee docx']);
    for (const entry of manifest.outputs) {
      const bytes = readFileSync(path.join(out, entry.path));
      expect(bytes.byteLength).toBe(entry.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    }
    expect(readdirSync(out).sort()).toEqual(['manifest.json', ...['committee.docx', 'committee.pdf', 'public.docx', 'public.pdf'].map((f) => `ogp-sc-2015-10-mexico-city-${f}`)]);
  });

  it('reports an output directory that cannot be written as such, not as a bug', async () => {
    const dir = contentCopy();
    writeFileSync(path.join(dir, 'out'), 'a file where the output directory should be');
    const { code, stderr } = await cli(['build', '--format', 'docx'], dir);
    expect(code).toBe(1);
    // After the content checks' worst few warnings, which every build of the default content prints.
    expect(stderr).toMatch(/(^|\n)ogp-pack build: cannot write the pack to out\/: .*(EEXIST|ENOTDIR).*\nNothing there was replaced\.\n$/);
    expect(stderr).not.toContain('internal error');
  });

  it('refuses a SOURCE_DATE_EPOCH that is not a date as a usage error', async () => {
    const { code, stderr } = await cli(['build'], contentCopy(), { SOURCE_DATE_EPOCH: '99999999999999999' });
    expect(code).toBe(2);
    expect(stderr).toContain('SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not "99999999999999999"');
  });

  it('refuses --draft with --final, and an edition the meeting does not declare, as usage errors', async () => {
    const both = await cli(['build', '--draft', '--final'], contentCopy());
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('ogp-pack build: --draft and --final contradict each other: a final pack is not a draft.\n');
    const unknown = await cli(['build', '--edition', 'press'], contentCopy());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('ogp-pack build: unknown edition "press"; this meeting has public, committee.\n');
  });

  it('with --final, names each paper still to follow and writes nothing', async () => {
    const dir = contentCopy();
    const { code, stderr } = await cli(['build', '--final'], dir);
    expect(code).toBe(1);
    expect(stderr.match(/^content\/papers\/[a-z-]+\.md:4:9  error  "[^"]+" is still to follow\..*  to-follow$/gm)).toHaveLength(3);
    expect(stderr).toContain('Nothing was written to out/.');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('refuses an unknown format as a usage error', async () => {
    const { code, stderr } = await cli(['build', '--format', 'rtf'], contentCopy());
    expect(code).toBe(2);
    expect(stderr).toContain('unknown format "rtf"');
  });
});

describe('usage', () => {
  it('exits 2 on an unknown command or option', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['check', '--frobnicate'])).code).toBe(2);
  });

  it('reports a failure inside ogp-pack as an internal error with exit 2', async () => {
    let stderr = '';
    const broken = { write: () => { throw new Error('stdout closed'); } };
    const code = await run(['check'], { cwd: ROOT, env: {}, stdout: broken, stderr: { write: (s: string) => (stderr += s) } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^ogp-pack: internal error \(a bug in ogp-pack, not in your content\): Error: stdout closed/);
  });

  it('stops quietly when its reader closes the pipe early, as `ogp-pack check --list-rules | head -1` does', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/ogp-pack'), 'check', '--list-rules'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('--help explains the commands and exit codes', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/check \[options\] \[dir\]|check \[dir\]/);
    expect(stdout).toContain('Exit codes:');
  });

  it('the installed bin/ogp-pack runs the compiled CLI', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/ogp-pack'), 'check', 'content', '--quiet'], { cwd: ROOT });
    expect(stdout).toBe('✖ 0 errors, ⚠ 0 warnings\n');
  });
});
