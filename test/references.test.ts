import { describe, expect, it } from 'vitest';
import { readPack } from '../src/pipeline.js';
import { contentTree, lineOf } from './helpers/trees.js';

async function diagnose(edits: Parameters<typeof contentTree>[0]) {
  const { diagnostics } = await readPack(contentTree(edits));
  return diagnostics.map((d) => ({ file: d.file, line: d.line, column: d.column, rule: d.ruleId, message: d.reason, fatal: d.fatal }));
}

describe('references and ids', () => {
  it('an unknown person in a biographies paper is reported at the reference', async () => {
    let text = '';
    const found = await diagnose({ 'papers/iep-biographies.md': (t) => (text = t.replace('- hille-hinsberg', '- hille-hinsburg')) });
    expect(found).toEqual([
      expect.objectContaining({ file: 'content/papers/iep-biographies.md', line: lineOf(text, 'hille-hinsburg'), rule: 'unknown-reference', message: expect.stringContaining('Did you mean "hille-hinsberg"?') }),
    ]);
  });

  it('an unknown person in an agenda item is reported at the reference', async () => {
    let text = '';
    const found = await diagnose({
      'sessions/ministerial.yaml': (t) => (text = t.replace("  - time: '16:45'\n", "  - time: '16:45'\n    people: [nobody-at-all]\n")),
    });
    expect(found).toEqual([expect.objectContaining({ file: 'content/sessions/ministerial.yaml', line: lineOf(text, 'nobody-at-all'), rule: 'unknown-reference' })]);
  });

  it('a biography listed under the wrong group is reported', async () => {
    const found = await diagnose({ 'people/jonathan-fox.md': (t) => t.replace('attending: true', 'attending: false') });
    expect(found).toEqual([expect.objectContaining({ file: 'content/papers/iep-biographies.md', rule: 'biography-group', message: expect.stringContaining('Jonathan Fox is listed under "Founding member in attendance"') })]);
  });

  it('a duplicate paper id is reported at the second file, naming the first', async () => {
    const text = new TextDecoder().decode(await contentTree().read('papers/joint-declaration.md'));
    const found = await diagnose({ 'papers/zz-copy.md': text });
    expect(found).toEqual([
      expect.objectContaining({ file: 'content/papers/zz-copy.md', line: 2, column: 5, rule: 'duplicate-id', message: expect.stringContaining('content/papers/joint-declaration.md already uses it') }),
    ]);
  });

  it('an unknown table data id is reported at the directive', async () => {
    let text = '';
    const found = await diagnose({ 'papers/irm-then-and-now.md': (t) => (text = t.replace('data="irm-then-and-now"', 'data="irm-then-and-then"')) });
    expect(found).toEqual([
      expect.objectContaining({ file: 'content/papers/irm-then-and-now.md', line: lineOf(text, '::table'), column: 1, rule: 'table-directive', message: expect.stringContaining('Did you mean "irm-then-and-now"?') }),
    ]);
  });

  it('table attributes named like built-in object properties are rejected, not crashed on', async () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      const found = await diagnose({ 'papers/irm-then-and-now.md': (t) => t.replace('data="irm-then-and-now"', `data="irm-then-and-now" ${name}="x"`) });
      expect(found, name).toEqual([expect.objectContaining({ rule: 'table-directive', message: expect.stringContaining('does not apply to table data') })]);
    }
  });

  it('a table must stand on a line of its own at the top level', async () => {
    const inList = await diagnose({ 'papers/irm-then-and-now.md': (t) => t.replace('::table', '- item\n\n  ::table') });
    expect(inList).toEqual([expect.objectContaining({ rule: 'table-directive', message: expect.stringContaining('on a line of its own') })]);
    const inline = await diagnose({ 'papers/irm-then-and-now.md': (t) => t.replace('::table', 'See :table') });
    expect(inline).toEqual([expect.objectContaining({ rule: 'table-directive', message: expect.stringContaining('not inside a paragraph') })]);
  });

  it('a peer-exchange table needs a valid status', async () => {
    const found = await diagnose({ 'papers/peer-exchange-2015.md': (t) => t.replace('status="planned"', 'status="someday"') });
    expect(found).toEqual([expect.objectContaining({ rule: 'table-directive', message: '`status="someday"` must be one of: complete-ongoing, planned.' })]);
  });

  it('an unknown directive is an error, but prose that looks like a text directive is kept', async () => {
    const found = await diagnose({ 'papers/subnational-memo.md': (t) => `${t}\n::chart{data="x"}\n\nRatio 3:1 and note:this stays.\n` });
    expect(found).toEqual([expect.objectContaining({ rule: 'table-directive', message: expect.stringContaining('Unknown directive "chart"') })]);
    const { pack } = await readPack(contentTree({ 'papers/subnational-memo.md': (t) => `${t}\nRatio 3:1 and note:this stays.\n` }));
    const last = pack!.documents.get('subnational-memo')!.body.children.at(-1)!;
    expect(JSON.stringify(last)).toContain('note:this stays');
  });

  it('a session missing from meeting.yaml is reported, and an unlisted session file warned about', async () => {
    const found = await diagnose({ 'meeting.yaml': (t) => t.replace('- ministerial', '- ministers') });
    expect(found).toEqual([
      expect.objectContaining({ file: 'content/meeting.yaml', rule: 'unknown-reference', message: expect.stringContaining('Unknown session "ministers"') }),
      expect.objectContaining({ file: 'content/sessions/ministerial.yaml', rule: 'unlisted-session', fatal: false }),
    ]);
  });

  it('references are still checked when meeting.yaml is unusable', async () => {
    const found = await diagnose({
      'meeting.yaml': (t) => t.replace('venue:', 'place:'),
      'sessions/working-level.yaml': (t) => t.replace('- country-updates', '- country-update'),
    });
    expect(found.map((d) => [d.file, d.rule])).toEqual([
      ['content/meeting.yaml', 'schema'],
      ['content/meeting.yaml', 'schema'],
      ['content/sessions/working-level.yaml', 'unknown-reference'],
    ]);
  });

  it('an invalid paper is reported once, not again by every agenda item naming it', async () => {
    const found = await diagnose({ 'papers/draft-bylaws.md': (t) => t.replace('status: to-follow', 'status: later') });
    expect(found).toEqual([expect.objectContaining({ file: 'content/papers/draft-bylaws.md', rule: 'schema' })]);
  });
});
