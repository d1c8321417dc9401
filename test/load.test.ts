import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileTree, memoryTree } from '../src/io/source-tree.js';
import { loadSources, sourceKind } from '../src/load/load.js';
import { readPack } from '../src/pipeline.js';
import { MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';

describe('file tree', () => {
  it('reads linked files through their links and reports broken links', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ogp-pack-'));
    mkdirSync(path.join(dir, 'papers'));
    writeFileSync(path.join(dir, 'meeting.yaml'), MINIMAL_MEETING);
    writeFileSync(path.join(dir, 'elsewhere.txt'), '---\nid: p\ntitle: P\nstatus: lost\n---\n');
    symlinkSync(path.join(dir, 'elsewhere.txt'), path.join(dir, 'papers/linked.md'));
    symlinkSync(path.join(dir, 'missing.md'), path.join(dir, 'papers/broken.md'));
    const { diagnostics } = await loadSources(fileTree(dir, 'content'));
    const { diagnostics: all } = await readPack(fileTree(dir, 'content'));
    expect(diagnostics.map((d) => [d.file, d.ruleId])).toEqual([['content/papers/broken.md', 'read-error']]);
    expect(all.map((d) => [d.file, d.ruleId])).toContainEqual(['content/papers/linked.md', 'schema']);
  });
});

describe('loader', () => {
  it('classifies files by where they live', () => {
    expect(
      ['meeting.yaml', 'sessions/a.yaml', 'papers/a.md', 'people/a.md', 'working-groups/a.md', 'data/a.yaml', 'papers/a.yaml', 'notes.md', 'papers/sub/a.md'].map(sourceKind),
    ).toEqual(['meeting', 'session', 'paper', 'person', 'working-group', 'data', undefined, undefined, undefined]);
  });

  it('keeps Markdown positions as lines of the whole file, front matter included', async () => {
    const paper = '---\nid: p\ntitle: P\nstatus: included\n---\n\nIntro.\n\n## Section\n\n::table{data="x"}\n';
    const { sources, diagnostics } = await loadSources(memoryTree({ 'meeting.yaml': MINIMAL_MEETING, 'papers/p.md': paper }));
    expect(diagnostics).toEqual([]);
    const source = sources.find((s) => s.kind === 'paper')!;
    expect(source.yaml!.value).toEqual({ id: 'p', title: 'P', status: 'included' });
    const types = source.markdown!.children.map((n) => [n.type, n.position!.start.line]);
    expect(types).toEqual([
      ['yaml', 1],
      ['paragraph', 7],
      ['heading', 9],
      ['leafDirective', 11],
    ]);
  });

  it('warns about Markdown and YAML files outside the known places, and skips hidden files and other files', async () => {
    const { sources, diagnostics } = await loadSources(
      memoryTree({ 'meeting.yaml': MINIMAL_MEETING, 'notes.md': '# Notes\n', 'papers/.draft.md': 'x', '.github/x.yaml': 'a: 1', 'images/logo.png': new Uint8Array([0]), 'README.md': '# About\n' }),
    );
    expect(sources.map((s) => s.path)).toEqual(['meeting.yaml']);
    expect(diagnostics.map((d) => [d.file, d.ruleId, d.fatal])).toEqual([['content/notes.md', 'unknown-source', false]]);
  });

  it('reports a content directory without meeting.yaml', async () => {
    const { diagnostics } = await loadSources(memoryTree({}));
    expect(diagnostics.map((d) => [d.file, d.ruleId])).toEqual([['content/meeting.yaml', 'missing-meeting']]);
  });

  it('leaves empty front matter to the schema, which says what is missing', async () => {
    const { diagnostics } = await readPack(memoryTree({ 'meeting.yaml': MINIMAL_MEETING, 'sessions/only.yaml': MINIMAL_SESSION, 'papers/p.md': '---\n# only a comment\n---\nBody\n' }));
    expect(diagnostics.map((d) => [d.file, d.line, d.reason])).toEqual([['content/papers/p.md', 1, 'The document must be a mapping of fields, not empty.']]);
  });
});
