import { describe, expect, it } from 'vitest';
import { memoryTree } from '../src/io/source-tree.js';
import { readPack } from '../src/pipeline.js';
import { MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';

async function diagnose(files: Record<string, string>) {
  const { diagnostics } = await readPack(memoryTree({ 'meeting.yaml': MINIMAL_MEETING, 'sessions/only.yaml': MINIMAL_SESSION, ...files }));
  return diagnostics.map((d) => ({ file: d.file, line: d.line, column: d.column, endLine: d.place && 'end' in d.place ? d.place.end.line : undefined, rule: d.ruleId, message: d.reason }));
}

// ajv reports a JSON Pointer (`/items/1/time`); these tests pin it to the YAML node's line:column.
describe('schema errors land on the YAML node', () => {
  it('a bad value in a nested sequence item points at the value', async () => {
    const session = MINIMAL_SESSION + '  - time: "25:00"\n    title: Too late\n';
    expect(await diagnose({ 'sessions/only.yaml': session })).toEqual([
      expect.objectContaining({ file: 'content/sessions/only.yaml', line: 10, column: 11, rule: 'schema', message: expect.stringContaining('`items[1].time` is "25:00"') }),
    ]);
  });

  it('an unknown field points at its key and lists the allowed fields', async () => {
    const session = MINIMAL_SESSION.replace('    title: Welcome\n', '    title: Welcome\n    speaker: Someone\n');
    expect(await diagnose({ 'sessions/only.yaml': session })).toEqual([
      expect.objectContaining({ line: 10, column: 5, message: expect.stringMatching(/Unknown field `speaker` in `items\[0\]`\. Allowed fields: time, title, remarks/) }),
    ]);
  });

  it('a missing required field points at the mapping that lacks it', async () => {
    const session = MINIMAL_SESSION.replace('    title: Welcome\n', '');
    expect(await diagnose({ 'sessions/only.yaml': session })).toEqual([
      expect.objectContaining({ line: 8, column: 5, message: 'Missing required field `title` in `items[0]` (session schema).' }),
    ]);
  });

  it('front matter errors are offset to their line in the Markdown file', async () => {
    const paper = '---\nid: p\ntitle: P\nstatus: withheld\n---\n\nBody.\n';
    expect(await diagnose({ 'papers/p.md': paper })).toEqual([
      expect.objectContaining({ file: 'content/papers/p.md', line: 2, column: 1, message: 'Missing required field `reason` (paper schema). A withheld document needs a `reason`, e.g. `pre-decision`.' }),
    ]);
  });

  it('a format error quotes the field description', async () => {
    const paper = '---\nid: p\ntitle: P\nstatus: included\ndate: 26 October 2015\n---\n\nBody.\n';
    expect(await diagnose({ 'papers/p.md': paper })).toEqual([
      expect.objectContaining({ line: 5, column: 7, endLine: 5, message: expect.stringContaining('YYYY-MM-DD') }),
    ]);
  });

  it('fields only withheld papers may have are rejected elsewhere, with the reason', async () => {
    const paper = '---\nid: p\ntitle: P\nstatus: included\nreason: pre-decision\n---\n\nBody.\n';
    expect(await diagnose({ 'papers/p.md': paper })).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringContaining('belong to withheld documents only') }),
    ]);
  });

  it('an unknown data kind points at `kind`', async () => {
    expect(await diagnose({ 'data/x.yaml': 'kind: budget\nid: x\n' })).toEqual([
      expect.objectContaining({ file: 'content/data/x.yaml', line: 1, column: 7, message: expect.stringContaining('Unknown data kind "budget"') }),
    ]);
  });

  it('a document that is not a mapping says so', async () => {
    expect(await diagnose({ 'sessions/only.yaml': '- just\n- a list\n' })).toEqual([
      expect.objectContaining({ line: 1, column: 1, message: 'The document must be a mapping of fields, not a list.' }),
    ]);
  });
});
