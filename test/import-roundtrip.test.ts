/**
 * Round trip: each included paper of the default pack, as a DOCX the project's own renderer makes
 * (a pack of that paper alone), that DOCX saved again by LibreOffice, and, where pandoc is
 * installed, as one pandoc makes from the same text, imported again and compared with the paper as the plan holds it: the same headings (and
 * their levels), paragraphs, list items with their numbers and nesting, and table cells, after
 * normalising white space.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BlockContent, List, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { importDocx, type ImportedFile } from '../src/import/import.js';
import { arrangePlan } from '../src/plan/build-plan.js';
import type { DocumentPlan, PackPlan } from '../src/plan/plan.js';
import { parseMarkdown } from '../src/load/markdown.js';
import { renderDefaultDocx } from './helpers/docx.js';
import { describeWithTools } from './helpers/client-tools.js';
import { CONTENT_DIR } from './helpers/trees.js';

const INCLUDED = ['iep-biographies', 'implementation-plan', 'irm-then-and-now', 'joint-declaration', 'peer-exchange-2015', 'subnational-concept-note', 'subnational-memo', 'working-groups-overview'];

const hasPandoc = (() => {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
const cellText = (blocks: readonly (BlockContent | PhrasingContent)[]) => flat(blocks.map((b) => toString(b)).join(' '));

/** The blocks a reader compares, one line each: `H<level> text`, `P text`, `L<depth> <number or -> text`, `T cell | cell`, `G group`. */
function outline(nodes: readonly RootContent[], dataTable: (id: string) => string[], depth = 0, headingOffset = 0): string[] {
  const lines: string[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        lines.push(`H${node.depth + headingOffset} ${flat(toString(node))}`);
        break;
      case 'paragraph':
        if (flat(toString(node)) !== '') lines.push(`P ${flat(toString(node))}`);
        break;
      case 'blockquote':
        lines.push(...outline(node.children, dataTable, depth, headingOffset));
        break;
      case 'list':
        lines.push(...listLines(node, dataTable, depth, headingOffset));
        break;
      case 'table':
        for (const row of node.children) lines.push(`T ${row.children.map((c) => cellText(c.children)).join(' | ')}`);
        break;
      case 'packTable':
        lines.push(`T ${node.header.map((c) => cellText(c)).join(' | ')}`);
        for (const row of node.rows) lines.push(row.kind === 'group' ? `G ${flat(row.label)}` : `T ${row.cells.map((c) => cellText(c)).join(' | ')}`);
        break;
      case 'leafDirective':
        if (node.name === 'table') lines.push(...dataTable(String(node.attributes?.data)));
        break;
      default:
        break;
    }
  }
  return lines;
}

function listLines(list: List, dataTable: (id: string) => string[], depth: number, headingOffset: number): string[] {
  return list.children.flatMap((item, i) => {
    const own = item.children.filter((c) => c.type !== 'list');
    const marker = list.ordered ? String((list.start ?? 1) + i) : '-';
    return [`L${depth} ${marker} ${flat(own.map((c) => toString(c)).join(' '))}`, ...item.children.filter((c): c is List => c.type === 'list').flatMap((l) => listLines(l, dataTable, depth + 1, headingOffset))];
  });
}

/** The imported data file's table as outline lines, its cells parsed as the pack parses them. */
function importedTable(files: readonly ImportedFile[]) {
  return (id: string): string[] => {
    const file = files.find((f) => f.path === `data/${id}.yaml`);
    if (!file) throw new Error(`no data file for ${id}`);
    const data = parseYaml(new TextDecoder().decode(file.bytes)) as { columns: { id: string; label: string }[]; rows?: Record<string, string>[]; groups?: { label: string; rows: Record<string, string>[] }[] };
    const row = (r: Record<string, string>) => `T ${data.columns.map((c) => cellText(parseMarkdown(String(r[c.id] ?? '')).children as BlockContent[])).join(' | ')}`;
    return [`T ${data.columns.map((c) => flat(c.label)).join(' | ')}`, ...(data.rows ?? []).map(row), ...(data.groups ?? []).flatMap((g) => [`G ${flat(g.label)}`, ...g.rows.map(row)])];
  };
}

/** The paper's part of an imported pack: from its title's heading on, headings counted from that title's level. */
function importedOutline(files: readonly ImportedFile[], paper: DocumentPlan): string[] {
  const markdown = new TextDecoder().decode(files.find((f) => f.path.endsWith('.md'))!.bytes);
  const tree = parseMarkdown(markdown);
  const titleAt = tree.children.findLastIndex((n) => n.type === 'heading' && flat(toString(n)) === flat(paper.title));
  expect(titleAt, `the heading "${paper.title}" in the imported Markdown`).toBeGreaterThanOrEqual(0);
  const title = tree.children[titleAt] as Extract<Nodes, { type: 'heading' }>;
  return outline(tree.children.slice(titleAt + 1), importedTable(files), 0, 1 - title.depth);
}

/** A plan of the default pack's public edition holding only `id`, with no agendas. */
function onePaper(id: string) {
  return (plan: PackPlan) => {
    const parts = plan.parts.map((part) => ({ ...part, entries: part.entries.filter((e) => e.id === id), documents: part.documents.filter((d) => d.id === id) })).filter((part) => part.documents.length > 0);
    // Its sections and contents planned again for what is left; running titles as they are.
    Object.assign(plan, arrangePlan({ ...plan, agendas: [], parts }, (title) => title));
  };
}

/** Each paper's one-paper DOCX from the project's renderer, and the paper as the plan holds it; rendered once. */
const rendered = new Map<string, Promise<{ bytes: Uint8Array; paper: DocumentPlan }>>();
function renderPaper(id: string) {
  if (!rendered.has(id)) {
    rendered.set(
      id,
      (async () => {
        let paper: DocumentPlan | undefined;
        const { bytes } = await renderDefaultDocx({}, (plan) => {
          onePaper(id)(plan);
          paper = plan.parts[0]!.documents[0];
        });
        return { bytes, paper: paper! };
      })(),
    );
  }
  return rendered.get(id)!;
}

async function expectRoundTrip(bytes: Uint8Array, paper: DocumentPlan): Promise<void> {
  const result = await importDocx(bytes, { id: paper.id, source: `${paper.id}.docx`, contentLabel: 'content' });
  expect(result.diagnostics.filter((d) => d.fatal === true)).toEqual([]);
  const expected = outline(paper.body.children, () => []);
  expect(expected.length).toBeGreaterThan(2);
  expect(importedOutline(result.files, paper)).toEqual(expected);
}

describe('import round trip: each included paper of the default pack', () => {
  it('covers every included paper', () => {
    const papers = readdirSync(path.join(CONTENT_DIR, 'papers')).filter((f) => f.endsWith('.md'));
    const included = papers.filter((f) => /^status: included$/m.test(readFileSync(path.join(CONTENT_DIR, 'papers', f), 'utf8'))).map((f) => f.replace(/\.md$/, ''));
    expect(included.sort()).toEqual(INCLUDED);
  });

  it.each(INCLUDED)('%s, as the DOCX renderer writes it', async (id) => {
    const { bytes, paper } = await renderPaper(id);
    await expectRoundTrip(bytes, paper);
  }, 60_000);

  it.skipIf(!hasPandoc).each(INCLUDED)('%s, as pandoc writes it', async (id) => {
    const { paper } = await renderPaper(id);
    // pandoc reads the paper as the plan holds it, its data tables written as GitHub tables.
    const body: Root = { type: 'root', children: [{ type: 'heading', depth: 1, children: [{ type: 'text', value: paper.title }] }, ...paper.body.children.map(asGfm)] };
    const dir = mkdtempSync(path.join(tmpdir(), 'ogp-pack-pandoc-'));
    writeFileSync(path.join(dir, 'paper.md'), unified().use(remarkGfm).use(remarkStringify).stringify(body));
    execFileSync('pandoc', ['-f', 'gfm', '-t', 'docx', '-o', path.join(dir, 'paper.docx'), path.join(dir, 'paper.md')]);
    const result = await importDocx(new Uint8Array(readFileSync(path.join(dir, 'paper.docx'))), { id, source: 'paper.docx', contentLabel: 'content' });
    expect(result.diagnostics.filter((d) => d.fatal === true)).toEqual([]);
    // The title is taken off the top as the front matter's; the body is compared with what pandoc was given.
    const markdown = new TextDecoder().decode(result.files.find((f) => f.path.endsWith('.md'))!.bytes);
    expect((parseYaml(markdown.split('---\n')[1]!) as { title: string }).title).toBe(paper.title);
    const tree = parseMarkdown(markdown);
    expect(outline(tree.children, importedTable(result.files))).toEqual(outline(body.children.slice(1), () => []));
  }, 60_000);
});

describeWithTools(['soffice'], 'import round trip through LibreOffice: the renderer\'s DOCX saved again by LibreOffice Writer', () => {
  const saved = new Map<string, Uint8Array>();
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ogp-pack-lo-'));
    for (const id of INCLUDED) writeFileSync(path.join(dir, `${id}.docx`), (await renderPaper(id)).bytes);
    // One LibreOffice run for every paper, with a profile of its own.
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', path.join(dir, 'out'), ...INCLUDED.map((id) => path.join(dir, `${id}.docx`))], { stdio: 'ignore', timeout: 240_000 });
    for (const id of INCLUDED) saved.set(id, new Uint8Array(readFileSync(path.join(dir, 'out', `${id}.docx`))));
  }, 300_000);

  it.each(INCLUDED)('%s', async (id) => {
    await expectRoundTrip(saved.get(id)!, (await renderPaper(id)).paper);
  }, 60_000);
});

/** A plan table as a GitHub table with a row per group, for pandoc. */
function asGfm(node: RootContent): RootContent {
  if (node.type !== 'packTable') return node;
  const cell = (children: PhrasingContent[]) => ({ type: 'tableCell' as const, children });
  const phrasing = (blocks: BlockContent[]): PhrasingContent[] => [{ type: 'text', value: cellText(blocks) }];
  return {
    type: 'table',
    children: [
      { type: 'tableRow', children: node.header.map((h) => cell(h)) },
      ...node.rows.map((row) => ({ type: 'tableRow' as const, children: row.kind === 'group' ? [cell([{ type: 'text', value: row.label }]), ...node.header.slice(1).map(() => cell([]))] : row.cells.map((c) => cell(phrasing(c))) })),
    ],
  };
}
