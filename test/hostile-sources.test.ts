import { describe, expect, it } from 'vitest';
import { buildPack } from '../src/build/build.js';
import type { Format } from '../src/build/formats.js';
import { runCheck } from '../src/check/run.js';
import { severityOf, type Diagnostic } from '../src/diagnostics/diagnostic.js';
import { memoryTree } from '../src/io/source-tree.js';
import { readPack } from '../src/pipeline.js';
import { contentTree, lineOf, MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';

/** A format that records whether anything reached rendering. */
let rendered = 0;
const COUNTING: Format = { name: 'json', extension: 'json', load: async () => async () => ((rendered += 1), { bytes: new Uint8Array() }) };

const errorsOf = (diagnostics: readonly Diagnostic[]) =>
  diagnostics
    .filter((d) => severityOf(d) === 'error')
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)
    .sort();

const MINISTERIAL = 'sessions/ministerial.yaml';

/** Broken packs that `check` rejects; `build` must reject each with the same errors at the same places. */
const BROKEN: Record<string, Parameters<typeof contentTree>[0]> = {
  'a javascript: link': { 'papers/joint-declaration.md': (t) => `${t}\nSee [the annex](javascript:alert(1)).\n` },
  'a check.yaml with errors': { 'check.yaml': 'rules:\n  speling: off\n' },
  'a session that ends before it starts': { [MINISTERIAL]: (t) => t.replace("end: '19:00'", "end: '15:00'") },
  'a session listed twice': { 'meeting.yaml': (t) => t.replace('  - ministerial\n', '  - ministerial\n  - working-level\n') },
  'a paper listed twice in one item': { [MINISTERIAL]: (t) => t.replace('      - joint-declaration\n', '      - joint-declaration\n      - joint-declaration\n') },
  'a binary words.txt': { 'words.txt': new Uint8Array([0x57, 0x00, 0x01]) },
  'a rule set to error in check.yaml': { 'check.yaml': 'rules:\n  double-spaces: error\n' },
};

describe('build stops on every error check reports', () => {
  for (const [title, edits] of Object.entries(BROKEN)) {
    it(title, async () => {
      // Spelling and acronyms only warn; turned off, they spare the test their suggestions.
      const checked = errorsOf(await runCheck(contentTree(edits), { settings: new Map([['spelling', 'off'], ['acronyms', 'off']]) }));
      expect(checked.length).toBeGreaterThan(0);
      rendered = 0;
      const built = await buildPack(contentTree(edits), { formats: [COUNTING], parallel: false }, { SOURCE_DATE_EPOCH: '1445817600' });
      expect(built.outputs).toBeUndefined();
      expect(rendered).toBe(0);
      expect(errorsOf(built.diagnostics)).toEqual(checked);
    });
  }

  it('still builds when check.yaml turns a rule that errors by default into a warning', async () => {
    const edits = { 'papers/joint-declaration.md': (t: string) => `${t}\nSee [the annex](javascript:alert(1)).\n`, 'check.yaml': 'rules:\n  malformed-url: warn\n' };
    expect(errorsOf(await runCheck(contentTree(edits)))).toEqual([]);
    const built = await buildPack(contentTree(edits), { formats: [COUNTING], parallel: false }, { SOURCE_DATE_EPOCH: '1445817600' });
    expect(built.outputs?.length).toBeGreaterThan(0);
  });

  it('builds the default content as before, with no rule errors', async () => {
    const built = await buildPack(contentTree(), { formats: [COUNTING], parallel: false }, { SOURCE_DATE_EPOCH: '1445817600' });
    expect(errorsOf(built.diagnostics)).toEqual([]);
    expect(built.outputs?.length).toBeGreaterThan(0);
  });
});

const diagnose = async (files: Record<string, string | Uint8Array>) => (await readPack(memoryTree({ 'meeting.yaml': MINIMAL_MEETING, 'sessions/only.yaml': MINIMAL_SESSION, ...files }))).diagnostics;

describe('positions at the offending node', () => {
  it('a session line indented into the field above it is reported at that line', async () => {
    // After a plain value the parser would blame the line above, where that value starts.
    const session = MINIMAL_SESSION.replace('date: 2015', '  date: 2015');
    const [error] = await diagnose({ 'sessions/only.yaml': session });
    expect(error).toMatchObject({ ruleId: 'yaml-syntax', line: lineOf(session, 'date:'), column: 3 });
    expect(error!.reason).toContain('indented further than the field above');
  });

  it('a paper listed twice in one item is reported at the repeat', async () => {
    const session = `${MINIMAL_SESSION}    papers:\n      - budget\n      - other\n      - budget\n`;
    const errors = (await diagnose({ 'sessions/only.yaml': session })).filter((d) => d.ruleId === 'schema');
    expect(errors.map((d) => [d.line, d.column, d.reason])).toEqual([[session.split('\n').length - 1, 9, '`items[0].papers[2]` repeats `items[0].papers[0]`: list each entry once. Remove this one.']]);
  });

  it('a complex YAML key is reported where it is written', async () => {
    const session = MINIMAL_SESSION.replace('location: Room 1', 'location: Room 1\n? [a,\n   b]\n: value');
    const errors = (await diagnose({ 'sessions/only.yaml': session })).filter((d) => d.fatal);
    expect(errors.map((d) => [d.ruleId, d.line, d.column, d.place && 'end' in d.place ? d.place.end.line : undefined])).toEqual([['yaml-syntax', lineOf(session, '? [a'), 3, lineOf(session, '   b]')]]);
  });
});

describe("messages in the editor's words", () => {
  it('deep YAML nesting names the limit, not the call stack', async () => {
    const deep = `${MINIMAL_SESSION}extra: ${'['.repeat(3000)}${']'.repeat(3000)}\n`;
    const errors = await diagnose({ 'sessions/only.yaml': deep });
    expect(errors.map((d) => [d.ruleId, d.line])).toEqual([['nesting-depth', lineOf(deep, 'extra')]]);
    expect(errors[0]!.reason).not.toMatch(/call stack/i);
    const block = `${MINIMAL_SESSION}extra:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}- `).join('\n')}x\n`;
    expect((await diagnose({ 'sessions/only.yaml': block })).map((d) => d.ruleId)).toEqual(['nesting-depth']);
  });

  it('a second YAML document is explained without the parser API', async () => {
    const errors = await diagnose({ 'sessions/only.yaml': `${MINIMAL_SESSION}---\nid: again\n` });
    expect(errors.map((d) => [d.ruleId, d.line])).toEqual([['yaml-syntax', MINIMAL_SESSION.split('\n').length]]);
    expect(errors[0]!.reason).not.toMatch(/parseAllDocuments/);
  });

  it('a custom tag is an error and never becomes a title', async () => {
    const paper = '---\nid: budget\ntitle: !!js/function "function () { return 1 }"\nstatus: included\n---\n\nText.\n';
    const read = await readPack(memoryTree({ 'meeting.yaml': MINIMAL_MEETING, 'sessions/only.yaml': `${MINIMAL_SESSION}    papers: [budget]\n`, 'papers/budget.md': paper }));
    expect(read.diagnostics.filter((d) => d.fatal).map((d) => [d.ruleId, d.line])).toEqual([['yaml-tag', 3]]);
    expect(read.pack).toBeUndefined();
    expect(JSON.stringify(read.validated.papers.map((p) => p.value))).not.toContain('function');
  });
});

describe('limits found by the fuzzer', () => {
  it('counts lines of list markers alone toward the nesting limit', async () => {
    const paper = `---\nid: budget\ntitle: Budget\nstatus: included\n---\n\n${Array.from({ length: 60 }, (_, k) => '1. '.repeat(k + 1).trimEnd()).join('\n')}\n`;
    const errors = (await diagnose({ 'papers/budget.md': paper })).filter((d) => d.fatal);
    expect(errors.map((d) => [d.ruleId, d.line])).toEqual([['nesting-depth', 7 + 50]]);
  });

  it('refuses YAML over 1 MB without parsing it', async () => {
    const paper = `---\nid: budget\ntitle: Budget\nstatus: included\nnotes: ${'* * * * * * * x\n'.repeat(70_000)}---\n\nText.\n`;
    const errors = (await diagnose({ 'papers/budget.md': paper })).filter((d) => d.fatal);
    expect(errors.map((d) => [d.ruleId, d.line, d.column])).toEqual([['file-size', 1, 1]]);
    expect(errors[0]!.reason).toContain('at most 1,048,576 characters');
  });
});
