/**
 * A pack of another body than the default's (test/fixtures/council: a city council's planning
 * committee), written in the meeting-neutral format: its own groups of people with roles and
 * organisations, a general table with group rows, caption and notes, a withheld valuation.
 * It is checked and built through the command line, and its outputs read back.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { all, openDocx, styleOf, textOf, wAttr, W } from './helpers/docx.js';
import { openPdf, pageText, roles, squash, type StructNode } from './helpers/pdf.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COUNCIL = 'test/fixtures/council';
const STEM = 'northbridge-planning-2026-03';

/** Every page's text of a PDF, and the roles of its structure tree. */
async function readPdf(bytes: Uint8Array): Promise<{ text: string; roles: string[] }> {
  const pdf = await openPdf(bytes);
  const pages: string[] = [];
  const found: string[] = [];
  for (let i = 0; i < pdf.numPages; i++) {
    pages.push(await pageText(pdf, i));
    found.push(...roles((await (await pdf.getPage(i + 1)).getStructTree()) as StructNode));
  }
  return { text: squash(pages.join(' ')), roles: found };
}

describe('a planning committee pack in the meeting-neutral format', () => {
  let out: string;
  // Each edition's outputs are in its own directory: `members.pdf` is `<out>/members/<stem>-members.pdf`.
  const read = (suffix: string) => new Uint8Array(readFileSync(path.join(out, suffix.split('.')[0]!, `${STEM}-${suffix}`)));

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'ogp-council-'));
    const build = await cli(['build', COUNCIL, '--out', out], ROOT);
    // The build prints the content checks' findings: here only the paper still to follow.
    expect(build.code).toBe(0);
    expect(build.stderr).not.toMatch(/\berror\b/);
  }, 120_000);

  it('checks with no errors; its only warning is the paper still to follow', async () => {
    const { code, stdout } = await cli(['check', COUNCIL, '--format', 'json'], ROOT);
    expect(code).toBe(0);
    const findings = JSON.parse(stdout) as { rule: string; severity: string }[];
    expect(findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.rule}`)).toEqual(['warning to-follow']);
  });

  it('builds both editions in both formats', () => {
    expect(readdirSync(out).sort()).toEqual(['members', 'public']);
    for (const edition of ['members', 'public']) expect(readdirSync(path.join(out, edition)).sort()).toEqual(['manifest.json', `${STEM}-${edition}.docx`, `${STEM}-${edition}.pdf`]);
  });

  it('prints every biography under the person\'s name, with role and organisation, in the declared groups\' order', async () => {
    const { text } = await readPdf(read('members.pdf'));
    const order = [
      'Councillors',
      'Councillor Amara Okafor Chair, Riverside ward Elected in 2018',
      'Councillor David Pryce Vice-Chair, Northgate ward A chartered surveyor',
      // No role: the organisation alone.
      'Councillor Helen Marsh Mill Lane ward A teacher',
      'Co-opted members',
      'Dr Rosa Lindqvist Co-opted member, Northbridge Civic Society An architectural historian',
      'Officers advising the committee',
      'Priya Raman Head of Planning, Northbridge City Council She leads the planning service',
      'Tom Ellery Principal Valuer, Estates Team He values',
    ];
    const bios = text.slice(text.lastIndexOf('Members of the committee The committee has'));
    const at = order.map((phrase) => bios.indexOf(phrase));
    expect(at, JSON.stringify(order.filter((_, i) => at[i] === -1))).not.toContain(-1);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('introduces questions with a label naming the council\'s committee, not the Steering Committee', async () => {
    for (const suffix of ['public.pdf', 'members.pdf']) {
      const { text } = await readPdf(read(suffix));
      expect(text.match(/Questions for the Planning Committee:/g), suffix).toHaveLength(2);
      expect(text, suffix).not.toContain('Steering Committee');
    }
    for (const suffix of ['public.docx', 'members.docx']) {
      const { value } = await mammoth.extractRawText({ buffer: Buffer.from(read(suffix)) });
      expect(value.match(/Questions for the Planning Committee:/g), suffix).toHaveLength(2);
      expect(value, suffix).not.toContain('Steering Committee');
    }
  });

  it('prints the general table in the PDF: caption above, header, ungrouped row, group rows in order, notes below', async () => {
    const { text, roles: found } = await readPdf(read('public.pdf'));
    const table = [
      'Homes completed in 2025, by ward and tenure',
      'Ward Local plan figure Completed Comment',
      'All wards 1200 968 81 per cent of the figure',
      'Market homes',
      'Riverside 380 301 Two large sites delayed by flood works',
      'Affordable homes',
      'Mill Lane 320 207 The depot site is not yet sold',
      "Source: the council's building control completions",
      '* Includes 31 homes bought back',
      'Officers will report again in September',
    ];
    const at = table.map((phrase) => text.indexOf(phrase));
    expect(at, JSON.stringify(table.filter((_, i) => at[i] === -1))).not.toContain(-1);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(found).toContain('Caption');
  });

  it('prints the general table in the DOCX: a caption paragraph, group rows across the table, numbers right-aligned, notes after it', async () => {
    const { xml } = await openDocx(read('members.docx'));
    const document = await xml('word/document.xml');
    const paragraphsOf = all(document, 'p');
    const body = document.getElementsByTagNameNS(W, 'body')[0]!;
    const blocks = Array.from(body.childNodes).filter((n) => n.nodeType === 1) as typeof paragraphsOf;
    const caption = blocks.findIndex((b) => b.localName === 'p' && textOf(b) === 'Homes completed in 2025, by ward and tenure');
    expect(caption).toBeGreaterThan(-1);
    expect(styleOf(blocks[caption]!)).toBe('Caption');
    const table = blocks[caption + 1]!;
    expect(table.localName).toBe('tbl');
    const rows = all(table, 'tr').map((tr) => all(tr, 'tc').map(textOf));
    expect(rows).toEqual([
      ['Ward', 'Local plan figure', 'Completed', 'Comment'],
      ['All wards', '1200', '968', '81 per cent of the figure'],
      ['Market homes'],
      ['Riverside', '380', '301', 'Two large sites delayed by flood works'],
      ['Northgate', '260', '214', ''],
      ['Affordable homes'],
      ['Riverside', '240', '246', 'Ahead of the figure*'],
      ['Mill Lane', '320', '207', 'The depot site is not yet sold'],
    ]);
    const groupCell = all(all(table, 'tr')[2]!, 'tc')[0]!;
    expect(wAttr(all(groupCell, 'gridSpan')[0]!, 'val')).toBe('4');
    const numberCell = all(all(table, 'tr')[1]!, 'tc')[1]!;
    expect(wAttr(all(numberCell, 'jc')[0]!, 'val')).toBe('right');
    expect(blocks.slice(caption + 2, caption + 4).map(styleOf)).toEqual(['TableNote', 'TableNote']);
    const after = blocks.slice(caption + 2, caption + 4).map(textOf).join(' ');
    expect(after).toContain("Source: the council's building control completions");
    expect(after).toContain('* Includes 31 homes bought back');
  });

  it('heads each biography in the DOCX with the name as a heading, under its group\'s heading', async () => {
    const { xml } = await openDocx(read('public.docx'));
    const paragraphs = all(await xml('word/document.xml'), 'p');
    // The name is also a contents entry, and an agenda line for a presenter.
    const stylesOf = (text: string) => paragraphs.filter((p) => textOf(p) === text).map(styleOf);
    expect(stylesOf('Councillors')).toContain('Heading2');
    for (const name of ['Councillor Amara Okafor', 'Dr Rosa Lindqvist', 'Tom Ellery']) {
      expect(stylesOf(name).filter((style) => style?.startsWith('Heading')), name).toEqual(['Heading3']);
    }
  });

  it('keeps the confidential valuation out of the public edition and prints it in the members edition', async () => {
    const secret = 'between £4.1 million and £4.6 million';
    const publicPdf = (await readPdf(read('public.pdf'))).text;
    const publicDocx = (await mammoth.extractRawText({ buffer: Buffer.from(read('public.docx')) })).value;
    for (const text of [publicPdf, publicDocx]) {
      expect(text).toContain('Land at the former depot: disposal');
      expect(text).toContain('withheld as commercially confidential');
      expect(text).not.toContain(secret);
      expect(text).not.toContain('canary-77310452');
      expect(text).not.toContain('Valuation of the former depot site');
    }
    const members = (await readPdf(read('members.pdf'))).text;
    expect(members).toContain(secret);
    expect(members).toContain('RESTRICTED — COMMERCIALLY CONFIDENTIAL — NOT FOR CIRCULATION');
  });
});
