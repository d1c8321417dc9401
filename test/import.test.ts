/**
 * `import` on a Word paper made with the `docx` library holding every construct and every
 * leftover: the Markdown it writes, read back with the pack's own parser, the files beside it,
 * and what it reports, where.
 */
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import * as docx from 'docx';
import JSZip from 'jszip';
import type { Blockquote, FootnoteDefinition, Heading, Image, Link, List, Paragraph, Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { severityOf, type Diagnostic } from '../src/diagnostics/diagnostic.js';
import { runCheck } from '../src/check/run.js';
import { importDocx, type ImportResult } from '../src/import/import.js';
import { memoryTree } from '../src/io/source-tree.js';
import { parseMarkdown } from '../src/load/markdown.js';
import { everyConstructDocx } from './fixtures/import/every-construct.js';
import { W } from './helpers/docx.js';
import { MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const OPTIONS = { id: 'open-data-report', source: 'report.docx', contentLabel: 'content' };

let result: ImportResult;
let markdown: string;
let tree: Root;

beforeAll(async () => {
  result = await importDocx(await everyConstructDocx(), { ...OPTIONS, acceptChanges: true });
  markdown = decode(result.files.find((f) => f.path === 'papers/open-data-report.md')!.bytes);
  tree = parseMarkdown(markdown);
});

const blocks = <T extends Root['children'][number]['type']>(type: T) => tree.children.filter((n) => n.type === type) as Extract<Root['children'][number], { type: T }>[];
const lineOf = (needle: string) => markdown.split('\n').findIndex((line) => line.includes(needle)) + 1;
const byRule = (rule: string) => result.diagnostics.filter((d) => d.ruleId === rule);

describe('import: every construct of a Word paper', () => {
  it('writes the paper, its figure and its complex table', async () => {
    expect(result.files.map((f) => f.path)).toEqual(['papers/open-data-report.md', 'papers/figures/open-data-report-1.png', 'data/open-data-report-table-1.yaml']);
    // The figure is the picture the Word file holds, byte for byte.
    const zip = await JSZip.loadAsync(await everyConstructDocx());
    const media = zip.file(/^word\/media\//);
    expect(media.length).toBe(1);
    expect(result.files[1]!.bytes).toEqual(await media[0]!.async('uint8array'));
  });

  it('takes the title from the first heading and the authors and date from the properties', () => {
    const front = parseYaml(markdown.split('---\n')[1]!) as Record<string, unknown>;
    expect(front).toMatchObject({ id: 'open-data-report', title: 'Open Data Progress Report', status: 'included', authors: ['Jane Editor'] });
    expect(String(front.date)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The title heading is not repeated in the body, whose headings start at level 2.
    expect(blocks('heading').map((h: Heading) => `${h.depth} ${toString(h)}`)).toEqual(['2 Lists', '2 Tables', '2 Figures and quotes']);
  });

  it('keeps bold, italic, links and the footnote', () => {
    const first = blocks('paragraph')[0] as Paragraph;
    expect(first.children.find((c) => c.type === 'strong') && toString(first.children.find((c) => c.type === 'strong')!)).toBe('bold');
    expect(toString(first.children.find((c) => c.type === 'emphasis')!)).toBe('italic');
    const link = first.children.find((c): c is Link => c.type === 'link')!;
    expect([link.url, toString(link)]).toEqual(['https://www.opengovpartnership.org/', 'link to OGP']);
    const reference = first.children.find((c) => c.type === 'footnoteReference');
    expect(reference).toMatchObject({ identifier: '1' });
    const note = blocks('footnoteDefinition')[0] as FootnoteDefinition;
    expect([note.identifier, toString(note)]).toEqual(['1', 'Source: the 2015 survey.']);
  });

  it('writes lists with their nesting and Word\'s numbering, and typed numbers as a list', () => {
    const lists = blocks('list') as List[];
    const shape = (list: List): unknown => list.children.map((item) => [list.ordered ? (list.start ?? 1) + list.children.indexOf(item) : '-', toString(item.children[0]!), ...item.children.filter((c): c is List => c.type === 'list').map(shape)]);
    expect(lists.map(shape)).toEqual([
      [['-', 'First bullet', [['-', 'Nested bullet']]], ['-', 'Second bullet']],
      [[1, 'Step one', [[1, 'Step one, part one']]], [2, 'Step two']],
      // Word goes on counting after the paragraph between the steps.
      [[3, 'Step three']],
      [[1, 'Typed first point'], [2, 'Typed second point']],
    ]);
  });

  it('writes the simple table as a GitHub table and the complex one as a table data file', () => {
    const table = blocks('table')[0] as Table;
    expect(table.children.map((row) => row.children.map((cell) => toString(cell)))).toEqual([['Country', 'Commitments'], ['Mexico', '26'], ['Chile', '19']]);
    expect(markdown).toContain('::table{data="open-data-report-table-1"}');
    const data = parseYaml(decode(result.files[2]!.bytes)) as Record<string, unknown>;
    expect(data).toEqual({
      kind: 'table',
      id: 'open-data-report-table-1',
      title: 'Tables',
      columns: [{ id: 'activity', label: 'Activity' }, { id: 'details', label: 'Details' }],
      rows: [
        { activity: 'Peer exchange', details: 'Two visits were made.\n\nA third is planned.' },
        { activity: 'Training', details: '- Webinar\n- Workshop' },
      ],
    });
  });

  it('extracts the image with its alt text, and keeps the block quote', () => {
    const image = (blocks('paragraph') as Paragraph[]).flatMap((p) => p.children).find((c): c is Image => c.type === 'image')!;
    expect([image.url, image.alt]).toEqual(['figures/open-data-report-1.png', 'Commitments by country']);
    expect(toString(blocks('blockquote')[0] as Blockquote)).toBe('Openness is a habit, not a project.');
  });

  it('keeps no leftover in the Markdown, and accepts the tracked change', () => {
    for (const leftover of ['SECRET DRAFTING NOTE', 'STYLED DRAFTING NOTE', 'Error!', 'Reference source', '_GoBack', 'bookmark', 'Check this figure', 'June']) expect(markdown).not.toContain(leftover);
    expect(markdown).toContain('The deadline is July.');
    expect(markdown).toContain('As shown in, most plans grew.');
  });

  it('reports each leftover, at its line in the Markdown', () => {
    const at = (d: Diagnostic) => `${d.file}:${d.line}:${d.column} ${severityOf(d)}`;
    const survey = lineOf('The survey covered 65 countries.');
    expect(byRule('import-comment').map((d) => [at(d), d.reason])).toEqual([[`content/papers/open-data-report.md:${survey}:1 warning`, expect.stringMatching(/comment by Reviewer One .*"Check this figure\."/)]]);
    expect(byRule('import-hidden-text').map((d) => [at(d), d.reason])).toEqual([
      [`content/papers/open-data-report.md:${survey}:1 warning`, expect.stringContaining('"SECRET DRAFTING NOTE"')],
      [`content/papers/open-data-report.md:${survey}:1 warning`, expect.stringContaining('"STYLED DRAFTING NOTE"')],
    ]);
    expect(byRule('import-field-error').map((d) => [at(d), d.reason])).toEqual([[`content/papers/open-data-report.md:${lineOf('As shown in')}:1 warning`, expect.stringContaining('"Error! Reference source not found."')]]);
    expect(byRule('import-bookmark').map((d) => [severityOf(d), d.reason])).toEqual([['info', expect.stringContaining('(_GoBack)')]]);
    expect(byRule('import-typed-numbering').map((d) => [at(d), d.reason])).toEqual([[`content/papers/open-data-report.md:${lineOf('Typed first point')}:4 info`, expect.stringContaining('"1. Typed first point"')]]);
    expect(byRule('import-tracked-changes').map((d) => [at(d), d.reason])).toEqual([
      [`content/papers/open-data-report.md:${lineOf('The deadline is July.')}:1 info`, expect.stringContaining('deletion by Reviewer Two ("June")')],
      [`content/papers/open-data-report.md:${lineOf('The deadline is July.')}:1 info`, expect.stringContaining('insertion by Reviewer Two ("July")')],
    ]);
    expect(result.diagnostics.filter((d) => severityOf(d) === 'error')).toEqual([]);
  });

  it('refuses tracked changes not yet accepted, writing nothing', async () => {
    const refused = await importDocx(await everyConstructDocx(), OPTIONS);
    expect(refused.files).toEqual([]);
    expect(refused.diagnostics.map((d) => `${d.file} ${severityOf(d)} ${d.ruleId}`)).toEqual(['report.docx error import-tracked-changes', 'report.docx error import-tracked-changes']);
    expect(refused.diagnostics[0]!.reason).toContain('--accept-changes');
    // Without changes, the same document imports without the flag.
    const clean = await importDocx(await everyConstructDocx({ changes: false }), OPTIONS);
    expect(clean.files.length).toBe(3);
    expect(clean.diagnostics.filter((d) => d.ruleId === 'import-tracked-changes')).toEqual([]);
  });

  it('refuses a tracked change outside any paragraph: an inserted table row', async () => {
    const table = new docx.Table({ rows: ['Mexico', 'Chile'].map((country) => new docx.TableRow({ children: [new docx.TableCell({ children: [new docx.Paragraph(country)] })] })) });
    const zip = await JSZip.loadAsync(await docx.Packer.toBuffer(new docx.Document({ sections: [{ children: [table] }] })));
    const doc = new DOMParser().parseFromString(await zip.file('word/document.xml')!.async('string'), 'application/xml');
    const row = doc.getElementsByTagNameNS(W, 'tr')[1]!;
    const rowProperties = doc.createElementNS(W, 'w:trPr');
    const inserted = doc.createElementNS(W, 'w:ins');
    inserted.setAttributeNS(W, 'w:id', '7');
    inserted.setAttributeNS(W, 'w:author', 'Reviewer Three');
    rowProperties.appendChild(inserted);
    row.insertBefore(rowProperties, row.firstChild);
    zip.file('word/document.xml', new XMLSerializer().serializeToString(doc));
    const refused = await importDocx(await zip.generateAsync({ type: 'uint8array' }), OPTIONS);
    expect(refused.files).toEqual([]);
    expect(refused.diagnostics.map((d) => d.reason)).toEqual([expect.stringContaining('has a tracked insertion by Reviewer Three not yet accepted')]);
  });

  it('flattens a table inside a table cell into a paragraph per row, and says so', async () => {
    const cell = (...children: (docx.Paragraph | docx.Table)[]) => new docx.TableCell({ children });
    const inner = new docx.Table({ rows: [new docx.TableRow({ children: [cell(new docx.Paragraph('2014')), cell(new docx.Paragraph('12'))] }), new docx.TableRow({ children: [cell(new docx.Paragraph('2015')), cell(new docx.Paragraph('19'))] })] });
    const outer = new docx.Table({ rows: [new docx.TableRow({ children: [cell(new docx.Paragraph('Country')), cell(new docx.Paragraph('Plans by year'))] }), new docx.TableRow({ children: [cell(new docx.Paragraph('Chile')), cell(new docx.Paragraph('Action plans:'), inner, new docx.Paragraph(''))] })] });
    const bytes = new Uint8Array(await docx.Packer.toBuffer(new docx.Document({ sections: [{ children: [new docx.Paragraph('Plans.'), outer] }] })));
    const nested = await importDocx(bytes, OPTIONS);
    const data = parseYaml(decode(nested.files.find((f) => f.path.startsWith('data/'))!.bytes)) as { rows: Record<string, string>[] };
    expect(data.rows).toEqual([{ 'column-1': 'Country', 'column-2': 'Plans by year' }, { 'column-1': 'Chile', 'column-2': 'Action plans:\n\n2014 | 12\n\n2015 | 19' }]);
    expect(nested.diagnostics.filter((d) => d.ruleId === 'import-nested-table').map((d) => severityOf(d))).toEqual(['warning']);
  });

  it('writes a paper that check accepts in a meeting', async () => {
    const files: Record<string, string | Uint8Array> = {
      'meeting.yaml': MINIMAL_MEETING,
      'sessions/only.yaml': `${MINIMAL_SESSION}    papers: [open-data-report]\n`,
      ...Object.fromEntries(result.files.map((f) => [f.path, f.path.endsWith('.png') ? f.bytes : decode(f.bytes)])),
    };
    const findings = await runCheck(memoryTree(files, 'content'));
    expect(findings.filter((d) => severityOf(d) === 'error').map(String)).toEqual([]);
  });

  it('takes the document\'s title from its properties when it has one', async () => {
    const titled = await importDocx(await everyConstructDocx({ title: 'Report on open data', changes: false }), OPTIONS);
    const text = decode(titled.files[0]!.bytes);
    expect(text).toContain('title: Report on open data\n');
    // Its first heading differs, so it stays in the body.
    expect(text).toContain('## Open Data Progress Report');
  });
});
