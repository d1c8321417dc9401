import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { runCheck } from '../src/check/run.js';
import { fileTree, OUTSIDE } from '../src/io/source-tree.js';
import { readPack } from '../src/pipeline.js';
import { cli } from './helpers/cli.js';
import { BUDGET_PAPER, smallPack } from './helpers/small-pack.js';
import { lineOf } from './helpers/trees.js';

/** A small pack whose content directory also holds links to `elsewhere/`, a sibling folder with a secret in each file. */
function packWithLinks(links: Record<string, string>): { dir: string; content: string; elsewhere: string } {
  const dir = smallPack();
  const content = path.join(dir, 'content');
  const elsewhere = path.join(dir, 'elsewhere');
  mkdirSync(elsewhere);
  writeFileSync(path.join(elsewhere, 'paper.md'), BUDGET_PAPER.replace('id: budget', 'id: stray').replace('Budget', 'Zyxwvut outside paper'));
  writeFileSync(path.join(elsewhere, 'words.txt'), 'Zyxwvutword\n');
  writeFileSync(path.join(elsewhere, 'check.yaml'), 'rules:\n  zyxwvut-rule: off\n');
  mkdirSync(path.join(elsewhere, 'papers'));
  writeFileSync(path.join(elsewhere, 'papers', 'inner.md'), BUDGET_PAPER.replace('id: budget', 'id: inner'));
  for (const [link, target] of Object.entries(links)) {
    mkdirSync(path.dirname(path.join(content, link)), { recursive: true });
    symlinkSync(target.startsWith('/') ? target : path.join(elsewhere, target), path.join(content, link));
  }
  return { dir, content, elsewhere };
}

describe('files outside the content directory', () => {
  it('reports a link to /etc/passwd at the link, quoting nothing of it, even as GitHub annotations', async () => {
    const { dir } = packWithLinks({ 'papers/passwd.md': '/etc/passwd' });
    const result = await cli(['check', '--format', 'github'], dir);
    expect(result.code).toBe(1);
    const output = result.stdout + result.stderr;
    expect(output).toContain('file=content/papers/passwd.md,line=1');
    expect(output).toContain('outside-content');
    const passwd = readFileSync('/etc/passwd', 'utf8');
    for (const word of ['root', 'nologin', '/etc/passwd', '/bin/', 'daemon']) if (passwd.includes(word)) expect(output).not.toContain(word);
    expect(output).not.toContain('spelling');
  });

  it('refuses a valid paper, a word list, a check configuration and a folder linked from outside', async () => {
    const { content } = packWithLinks({ 'papers/stray.md': 'paper.md', 'words.txt': 'words.txt', 'check.yaml': 'check.yaml', 'working-groups': 'papers' });
    const { diagnostics, pack } = await readPack(fileTree(content, 'content'));
    const outside = diagnostics.filter((d) => d.ruleId === 'outside-content');
    expect(outside.map((d) => [d.file, d.line, d.column])).toEqual([
      ['content/check.yaml', 1, 1],
      ['content/papers/stray.md', 1, 1],
      ['content/words.txt', 1, 1],
      ['content/working-groups', 1, 1],
    ]);
    expect(pack).toBeUndefined();
    // The linked paper is listed (so it is not also an unknown reference) but none of its text is read.
    const all = (await runCheck(fileTree(content, 'content'))).map((d) => d.reason).join('\n');
    expect(all).not.toMatch(/zyxwvut/i);
    expect(all).not.toContain('elsewhere');
  });

  it('stops build on such a link and writes nothing', async () => {
    const { dir } = packWithLinks({ 'papers/stray.md': 'paper.md' });
    const result = await cli(['build', '--format', 'pdf'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr + result.stdout).toContain('outside-content');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('still reads links that stay inside the content directory', async () => {
    const dir = smallPack();
    const content = path.join(dir, 'content');
    mkdirSync(path.join(content, 'drafts'));
    writeFileSync(path.join(content, 'drafts', 'budget.txt'), BUDGET_PAPER.replace('ten per cent', 'eleven per cent'));
    symlinkSync(path.join('..', 'drafts', 'budget.txt'), path.join(content, 'papers', 'budget2.md'));
    const tree = fileTree(content, 'content');
    expect(await tree.list()).toContain('papers/budget2.md');
    expect(await tree.outside!()).toEqual([]);
    expect(new TextDecoder().decode(await tree.read('papers/budget2.md'))).toContain('eleven per cent');
  });

  it('refuses a read that climbs out of the root with ..', async () => {
    const { content } = packWithLinks({});
    const tree = fileTree(content, 'content');
    await expect(tree.read('../elsewhere/paper.md')).rejects.toMatchObject({ code: OUTSIDE });
    await expect(tree.read('../elsewhere/paper.md')).rejects.not.toThrow(/Zyxwvut/);
  });

  it('refuses an image linked from outside, at the link', async () => {
    const { content, elsewhere } = packWithLinks({});
    writeFileSync(path.join(elsewhere, 'chart.png'), Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'));
    symlinkSync(path.join(elsewhere, 'chart.png'), path.join(content, 'papers', 'chart.png'));
    writeFileSync(path.join(content, 'papers', 'budget.md'), `${BUDGET_PAPER}\n![A chart](chart.png)\n`);
    const { diagnostics, pack } = await readPack(fileTree(content, 'content'));
    expect(diagnostics.filter((d) => d.ruleId === 'outside-content').map((d) => d.file)).toEqual(['content/papers/chart.png']);
    expect(diagnostics.filter((d) => d.ruleId === 'image').map((d) => [d.file, d.line, d.reason])).toEqual([
      ['content/papers/budget.md', lineOf(`${BUDGET_PAPER}\n![A chart](chart.png)\n`, '![A chart]'), 'Image "chart.png" is a link to a file outside the content directory, which is never read. Copy the image into the content directory in place of the link.'],
    ]);
    expect(pack).toBeUndefined();
  });
});
