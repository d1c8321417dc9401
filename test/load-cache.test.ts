import { describe, expect, it } from 'vitest';
import { buildPack } from '../src/build/build.js';
import { FORMATS } from '../src/build/formats.js';
import { memoryTree } from '../src/io/source-tree.js';
import { SourceCache } from '../src/load/cache.js';
import { readPack } from '../src/pipeline.js';
import { contentTree, MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';

describe('the parse cache', () => {
  it('parses nothing again while the files are unchanged, and gives the pack a fresh read gives', async () => {
    const tree = contentTree();
    const cache = new SourceCache();
    const first = await readPack(tree, cache);
    expect(cache.parsed).toEqual(first.sources.map((s) => s.path));
    expect(cache.parsed.length).toBeGreaterThan(30);
    cache.parsed.length = 0;
    const second = await readPack(tree, cache);
    expect(cache.parsed).toEqual([]);
    const fresh = await readPack(tree);
    expect(second.pack).toEqual(fresh.pack);
    expect(second.pack).toEqual(first.pack);
    expect(second.diagnostics.map(String)).toEqual(fresh.diagnostics.map(String));
  });

  it('parses an edited file again, with its new diagnostics, and forgets a removed one', async () => {
    const files: Record<string, string> = {
      'meeting.yaml': MINIMAL_MEETING,
      'sessions/only.yaml': MINIMAL_SESSION,
      'papers/a.md': '---\nid: a\ntitle: A\nstatus: included\n---\n\nText.\n',
      'papers/b.md': '---\nid: b\ntitle: B\nstatus: included\n---\n\nText.\n',
    };
    const tree = memoryTree(files);
    const cache = new SourceCache();
    await readPack(tree, cache);
    cache.parsed.length = 0;

    files['papers/a.md'] = '---\nid: a\ntitle: A\nstatus: included\nstatus: withheld\n---\n\nText.\n';
    const edited = await readPack(tree, cache);
    expect(cache.parsed).toEqual(['papers/a.md']);
    expect(edited.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual(['content/papers/a.md:5:1 yaml-duplicate-key']);

    // The diagnostics of a cached parse are reported again on the next read.
    cache.parsed.length = 0;
    expect((await readPack(tree, cache)).diagnostics.map((d) => d.ruleId)).toEqual(['yaml-duplicate-key']);
    expect(cache.parsed).toEqual([]);

    delete files['papers/b.md'];
    await readPack(tree, cache);
    files['papers/b.md'] = '---\nid: b\ntitle: B\nstatus: included\n---\n\nText.\n';
    await readPack(tree, cache);
    expect(cache.parsed).toEqual(['papers/b.md']);
  });

  it('builds from cached sources give the bytes of a fresh build, though the layout edits the biography trees it borrows', { timeout: 60_000 }, async () => {
    // A biography with a heading and a link to it: the layout gives the heading an anchor and
    // points the link at it, in the person's own tree. A cached tree must not carry that over.
    const tree = memoryTree({
      'meeting.yaml': MINIMAL_MEETING,
      'sessions/only.yaml': `${MINIMAL_SESSION}    papers: [bios]\n`,
      'papers/bios.md': '---\nid: bios\ntitle: Biographies\nstatus: included\npeople:\n  - heading: Members\n    people: [ana]\n---\n\n# Members of the panel\n',
      'people/ana.md': '---\nid: ana\nname: Ana\ngroup: new\nattending: true\n---\n\nAna studies budgets; see [her career](#career).\n\n## Career\n\nTwenty years.\n',
    });
    const request = { formats: FORMATS.filter((f) => f.name === 'docx') };
    const fresh = await buildPack(tree, request, {});
    expect(fresh.diagnostics.filter((d) => d.fatal)).toEqual([]);
    const cache = new SourceCache();
    const first = await buildPack(tree, { ...request, cache }, {});
    const second = await buildPack(tree, { ...request, cache }, {});
    expect(cache.parsed).toHaveLength(4);
    const docx = (result: typeof fresh) => Buffer.from(result.outputs!.find((o) => o.name.endsWith('.docx'))!.bytes);
    expect(docx(first).equals(docx(fresh))).toBe(true);
    expect(docx(second).equals(docx(fresh))).toBe(true);
  });
});
