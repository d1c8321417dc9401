import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { smallPack } from './helpers/small-pack.js';

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { cwd, env: {}, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

describe('working from the meeting\'s folder', () => {
  it('check with no directory reads the current directory when it holds meeting.yaml', async () => {
    const dir = smallPack({ 'papers/budget.md': '---\nid: budget\ntitle: Budget\nstatus: lost\n---\n' });
    const inside = await cli(['check', '--quiet'], path.join(dir, 'content'));
    expect(inside.code).toBe(1);
    // Named relative to the meeting's folder, the current directory.
    expect(inside.stdout).toContain('papers/budget.md:4:9  error');
    expect(inside.stdout).not.toContain('content/');
    // Above it, with no meeting.yaml, content/ is read as before.
    const above = await cli(['check', '--quiet'], dir);
    expect(above.stdout).toContain('content/papers/budget.md:4:9  error');
  });

  it('build with no directory builds the meeting in the current directory', { timeout: 120_000 }, async () => {
    const dir = smallPack();
    const { code, stdout } = await cli(['build', '--format', 'docx', '--edition', 'public'], path.join(dir, 'content'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^wrote out\/public\/test-pack-public\.docx /m);
    expect(readdirSync(path.join(dir, 'content/out/public')).sort()).toEqual(['manifest.json', 'test-pack-public.docx']);
    // The meeting's own out/ is never read as sources: a second build sees the same pack.
    const again = await cli(['check', '--format', 'json'], path.join(dir, 'content'));
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('out/');
  });

  it('check FILE checks the meeting that holds the file and reports that file\'s findings only', async () => {
    const dir = smallPack({
      'papers/budget.md': '---\nid: budget\ntitle: Budget\nstatus: included\n---\n\nThe the budget grows.\n',
      'papers/other.md': '---\nid: other\ntitle: Other\nstatus: included\n---\n\nA a repeated word.\n',
    });
    const whole = await cli(['check'], dir);
    expect(whole.stdout).toContain('content/papers/budget.md');
    expect(whole.stdout).toContain('content/papers/other.md');
    const one = await cli(['check', 'content/papers/budget.md'], dir);
    expect(one.stdout).toContain('content/papers/budget.md:7:5  warning  Repeated word');
    expect(one.stdout).not.toContain('other.md');
    // From inside a paper's folder too.
    const nested = await cli(['check', 'budget.md'], path.join(dir, 'content/papers'));
    expect(nested.stdout).toContain('budget.md:7:5  warning  Repeated word');
    expect(nested.stdout).not.toContain('other.md');
  });

  it('check FILE outside any meeting is a usage error', async () => {
    const dir = smallPack();
    writeFileSync(path.join(dir, 'loose.md'), 'Text.\n');
    const { code, stderr } = await cli(['check', 'loose.md'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('not inside a meeting');
  });

  it('--version prints package.json\'s version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const { code, stdout } = await cli(['--version'], process.cwd());
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });
});
