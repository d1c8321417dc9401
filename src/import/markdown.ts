/**
 * Writing the paper: the body as Markdown (remark-stringify with GitHub tables and footnotes, and
 * `::table` lines), each complex table as a general table data file whose cells are Markdown.
 */
import type { BlockContent, Paragraph, Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { stringify as stringifyYaml } from 'yaml';
import { SKIP, visit } from 'unist-util-visit';
import type { ImportCell, ImportTable } from './tables.js';

export interface TableFile {
  /** The data's id, `<paper>-table-<n>`, and so its file, `data/<id>.yaml`. */
  id: string;
  text: string;
}

const processor = unified().use(remarkGfm).use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', listItemIndent: 'one', rule: '-', fences: true });

export function stringifyMarkdown(root: Root): string {
  return processor.stringify(root);
}

/**
 * Replaces each `importTable` in the body with a `::table` line and returns the data files. A
 * table inside a table's cell, which no table kind holds, becomes a paragraph per row, reported.
 * `title` names a table in its data; the pack does not print a title that repeats its section's
 * heading or the paper's title.
 */
export function extractTables(root: Root, paper: { id: string; title: string }, schemaHint: string | undefined): { files: TableFile[]; flattened: number } {
  const files: TableFile[] = [];
  let flattened = 0;
  visit(root, 'importCell', (cell: ImportCell) => {
    cell.children = cell.children.flatMap((block): BlockContent[] => {
      if (block.type !== 'importTable' && block.type !== 'table') return [block];
      flattened++;
      return rowsAsParagraphs(block);
    });
  });
  let section = paper.title;
  visit(root, (node, index, parent) => {
    if (node.type === 'heading' && parent === root) section = toString(node).replace(/\s+/g, ' ').trim() || section;
    if (node.type !== 'importTable' || !parent || index === undefined) return undefined;
    const id = `${paper.id}-table-${files.length + 1}`;
    files.push({ id, text: tableFile(node, id, section, schemaHint) });
    // Written as it stands: with remark-directive the writer would escape every colon of the text ("16\:00").
    parent.children.splice(index, 1, { type: 'html', value: `::table{data="${id}"}` } as never);
    return SKIP;
  });
  return { files, flattened };
}

/** A table's rows as paragraphs, cells separated by a vertical bar. */
function rowsAsParagraphs(table: ImportTable | Table): Paragraph[] {
  const rows = table.type === 'table' ? table.children.map((row) => row.children.map((cell) => toString(cell))) : table.children.map((row) => row.children.map((cell) => toString(cell)));
  return rows
    .map((cells) => cells.map((c) => c.replace(/\s+/g, ' ').trim()))
    .filter((cells) => cells.some((c) => c !== ''))
    .map((cells) => ({ type: 'paragraph', children: [{ type: 'text', value: cells.join(' | ') }] }));
}

const cellMarkdown = (blocks: BlockContent[]) => stringifyMarkdown({ type: 'root', children: blocks }).trim();

function tableFile(table: ImportTable, id: string, title: string, schemaHint: string | undefined): string {
  // Cells are placed on a grid, so that cells under a merged one land in their own columns.
  const grid: (string | undefined)[][] = [];
  const groups: (string | undefined)[] = [];
  const pending: number[] = [];
  const width = Math.max(1, ...table.children.map((row) => row.children.reduce((n, cell) => n + cell.span, 0)));
  table.children.forEach((row, r) => {
    const line: (string | undefined)[] = [];
    let column = 0;
    for (const cell of row.children) {
      while ((pending[column] ?? 0) > 0) line[column++] = undefined;
      line[column] = cellMarkdown(cell.children);
      for (let c = column; c < column + cell.span; c++) pending[c] = cell.rowSpan;
      column += cell.span;
    }
    for (let c = 0; c < width; c++) pending[c] = Math.max(0, (pending[c] ?? 0) - 1);
    groups[r] = row.children.length === 1 && row.children[0]!.span === width && width > 1 && !row.header ? line[0] : undefined;
    grid.push(line);
  });
  const hasHeader = table.children[0]?.header ?? false;
  const labels = hasHeader ? Array.from({ length: width }, (_, c) => (grid[0]![c] ?? '').replace(/\s+/g, ' ').replace(/[*_`\\]/g, '').trim()) : Array.from({ length: width }, () => '');
  const ids = columnIds(labels);
  const rows: Record<string, string>[] = [];
  const grouped: { label: string; rows: Record<string, string>[] }[] = [];
  grid.slice(hasHeader ? 1 : 0).forEach((line, i) => {
    const group = groups[i + (hasHeader ? 1 : 0)];
    if (group !== undefined) {
      grouped.push({ label: group.replace(/\s+/g, ' ').trim() || ' ', rows: [] });
      return;
    }
    const row: Record<string, string> = {};
    line.forEach((cell, c) => {
      if (cell) row[ids[c]!] = cell;
    });
    if (Object.keys(row).length === 0) return;
    (grouped.at(-1)?.rows ?? rows).push(row);
  });
  const data = {
    kind: 'table',
    id,
    title,
    columns: labels.map((label, c) => ({ id: ids[c]!, label })),
    ...(rows.length > 0 || grouped.length === 0 ? { rows } : {}),
    ...(grouped.length > 0 ? { groups: grouped.filter((g) => g.rows.length > 0) } : {}),
  };
  const hint = schemaHint ? `# yaml-language-server: $schema=${schemaHint}/table.schema.json\n` : '';
  return hint + stringifyYaml(data, { lineWidth: 0 });
}

/** Column ids from the labels, as the table kind wants them: lower-case words joined by hyphens, each unique. */
function columnIds(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  return labels.map((label, c) => {
    const base =
      label
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40)
        .replace(/-+$/, '') || `column-${c + 1}`;
    let id = base;
    for (let n = 2; seen.has(id); n++) id = `${base}-${n}`;
    seen.add(id);
    return id;
  });
}
