import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { safeEngines } from '../src/load/front-matter.js';
import { memoryTree } from '../src/io/source-tree.js';
import { loadSources } from '../src/load/load.js';
import { readPack } from '../src/pipeline.js';
import { MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';

const PAPER = (front: string, body = 'Text.\n') => `---\nid: p\ntitle: P\nstatus: included\n${front}---\n${body}`;

async function diagnose(files: Record<string, string | Uint8Array>) {
  const { diagnostics } = await readPack(memoryTree({ 'meeting.yaml': MINIMAL_MEETING, 'sessions/only.yaml': MINIMAL_SESSION, ...files }));
  return diagnostics.map((d) => ({ file: d.file, line: d.line, column: d.column, rule: d.ruleId, message: d.reason, fatal: d.fatal }));
}

describe('safe parsing', () => {
  it.each(['js', 'javascript', 'coffee'])('refuses ---%s front matter without evaluating it', async (language) => {
    const g = globalThis as { ogpPwned?: boolean };
    delete g.ogpPwned;
    const diagnostics = await diagnose({ 'papers/evil.md': `---${language}\n{ id: (globalThis.ogpPwned = true, "x"), title: "x", status: "included" }\n---\nBody\n` });
    expect(g.ogpPwned).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'content/papers/evil.md', line: 1, column: 4, rule: 'front-matter', fatal: true, message: expect.stringContaining(`not \`---${language}\``) }),
    ]);
  });

  it('the engines handed to gray-matter refuse JavaScript even when called directly', () => {
    const g = globalThis as { ogpPwned?: boolean };
    delete g.ogpPwned;
    for (const language of ['js', 'javascript']) {
      expect(() => matter(`---${language}\n{ x: (globalThis.ogpPwned = true) }\n---\n`, { engines: safeEngines(() => {}) })).toThrow('executable front matter is refused');
    }
    expect(g.ogpPwned).toBeUndefined();
  });

  it('refuses ---yaml too, since Markdown would not see it as front matter', async () => {
    const diagnostics = await diagnose({ 'papers/p.md': '---yaml\nid: p\ntitle: P\nstatus: included\n---\nBody\n' });
    expect(diagnostics).toEqual([expect.objectContaining({ line: 1, column: 4, rule: 'front-matter', message: expect.stringContaining('not `---yaml`') })]);
  });

  it('refuses a closing line that only starts with ---', async () => {
    const diagnostics = await diagnose({ 'papers/p.md': '---\nid: p\n---x\ntitle: P\nstatus: included\n---\nBody\n' });
    expect(diagnostics).toEqual([expect.objectContaining({ line: 1, rule: 'front-matter', message: expect.stringContaining('exactly `---`') })]);
  });

  it('does not let a %YAML 1.1 directive bring back YAML 1.1 types', async () => {
    const { sources } = await loadSources(memoryTree({ 'data/x.yaml': '%YAML 1.1\n---\ntime: 16:00\nmerged: {<<: {a: 1}}\n' }));
    expect(sources[0]!.yaml!.value).toEqual({ time: '16:00', merged: { '<<': { a: 1 } } });
    // A 1.1 tag outside the core schema is refused rather than read as text.
    const binary = await loadSources(memoryTree({ 'data/x.yaml': '%YAML 1.1\n---\nbytes: !!binary aGk=\n' }));
    expect(binary.diagnostics.filter((d) => d.ruleId !== 'missing-meeting').map((d) => [d.ruleId, d.line])).toEqual([['yaml-tag', 3]]);
    expect(binary.sources[0]!.yaml!.value).toBeUndefined();
  });

  it('reports an alias to an anchor that does not exist at that alias', async () => {
    const diagnostics = await diagnose({ 'sessions/only.yaml': MINIMAL_SESSION.replace('title: The only session', 'title: *nothing') });
    expect(diagnostics).toEqual([expect.objectContaining({ line: 2, column: 8, rule: 'yaml-syntax', message: expect.stringContaining('Unresolved alias') })]);
  });

  it('reports duplicate keys at the second key', async () => {
    const diagnostics = await diagnose({ 'papers/p.md': PAPER('title: Again\n') });
    expect(diagnostics).toEqual([expect.objectContaining({ file: 'content/papers/p.md', line: 5, column: 1, rule: 'yaml-duplicate-key' })]);
  });

  it('reports duplicate keys in YAML files too', async () => {
    const diagnostics = await diagnose({ 'sessions/only.yaml': MINIMAL_SESSION + 'title: Again\n' });
    expect(diagnostics).toEqual([expect.objectContaining({ file: 'content/sessions/only.yaml', line: 10, rule: 'yaml-duplicate-key' })]);
  });

  it('stops a billion-laughs file at the alias limit with a clear message', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const diagnostics = await diagnose({ 'data/laughs.yaml': `kind: peer-exchange\n${levels.join('\n')}\n` });
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'content/data/laughs.yaml', line: 3, rule: 'yaml-aliases', fatal: true, message: expect.stringMatching(/Too many alias expansions/) }),
    ]);
  });

  it('keeps __proto__ and constructor keys away from object prototypes', async () => {
    const diagnostics = await diagnose({
      'papers/p.md': PAPER('__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\n'),
    });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(diagnostics).toEqual([
      expect.objectContaining({ line: 5, column: 1, rule: 'schema', message: expect.stringContaining('Unknown field `__proto__`') }),
      expect.objectContaining({ line: 7, column: 1, rule: 'schema', message: expect.stringContaining('Unknown field `constructor`') }),
    ]);
  });

  it('reports invalid UTF-8 at the line and column of the bad byte', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(PAPER('', 'Line one.\nTwo ')), 0xc3, 0x28, 0x0a]);
    const diagnostics = await diagnose({ 'papers/p.md': bytes });
    expect(diagnostics).toEqual([expect.objectContaining({ file: 'content/papers/p.md', line: 7, column: 5, rule: 'encoding', message: expect.stringContaining('0xc3') })]);
  });

  it('reports a binary file instead of parsing it', async () => {
    const diagnostics = await diagnose({ 'papers/image.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]) });
    expect(diagnostics).toEqual([expect.objectContaining({ file: 'content/papers/image.md', rule: 'encoding', message: expect.stringContaining('binary file') })]);
  });

  it('reports front matter that is never closed', async () => {
    const diagnostics = await diagnose({ 'papers/p.md': '---\nid: p\ntitle: P\nstatus: included\n\nBody text.\n' });
    expect(diagnostics).toEqual([expect.objectContaining({ line: 1, column: 1, rule: 'front-matter', message: expect.stringContaining('not closed') })]);
  });

  it('reports a Markdown source without front matter', async () => {
    const diagnostics = await diagnose({ 'papers/p.md': '# Just a heading\n' });
    expect(diagnostics).toEqual([expect.objectContaining({ line: 1, rule: 'front-matter', message: expect.stringContaining('Missing front matter') })]);
  });

  it('reads CRLF files like LF files, positions included', async () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const valid = { 'meeting.yaml': crlf(MINIMAL_MEETING), 'sessions/only.yaml': crlf(MINIMAL_SESSION), 'papers/p.md': crlf('---\nid: p\ntitle: P\nstatus: included\n---\n\nBody.\n') };
    expect(await diagnose(valid)).toEqual([]);
    expect(await diagnose({ 'papers/p.md': crlf('---\nid: p\ntitle: P\nstatus: lost\n---\n\nBody.\n') })).toEqual([expect.objectContaining({ line: 4, column: 9, rule: 'schema' })]);
  });

  it('reports a UTF-16 file as such', async () => {
    const diagnostics = await diagnose({ 'papers/p.md': new Uint8Array([0xff, 0xfe, 0x2d, 0x00, 0x2d, 0x00]) });
    expect(diagnostics).toEqual([expect.objectContaining({ line: 1, column: 1, rule: 'encoding', message: 'This file is UTF-16 text. Save it as UTF-8.' })]);
  });

  it('strips a byte-order mark without shifting positions', async () => {
    const { sources, diagnostics } = await loadSources(memoryTree({ 'meeting.yaml': '\uFEFF' + MINIMAL_MEETING }));
    expect(diagnostics).toEqual([]);
    expect(sources[0]!.yaml!.value).toMatchObject({ pack: 'test-pack' });
  });
});
