/**
 * Tables as both renderers draw them. Data tables (`::table{data=…}`) and Markdown tables become
 * one `PackTable` shape with header cells, group rows and column widths measured from content.
 */
import type { BlockContent, PhrasingContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../load/markdown.js';
import { decideLinks } from './links.js';
import type { DataSource } from '../model/pack.js';
import type { Row, Table as TableData } from '../model/sources.generated.js';
import { oneSpace, oneSpaced, type TextMeasure } from './measure.js';
import type { PackTable, PackTableRow } from './plan.js';

/** What a table's columns are measured against: the text width, the layout's fonts at the table size, and the cells' insides. */
export interface TableSpace {
  width: number;
  measure: TextMeasure;
  /** The table text's size in points. */
  size: number;
  /** Each cell's padding on either side. */
  padding: number;
  /** How far a list in a cell indents its items. */
  listIndent: number;
}

type Cell = BlockContent[];

/** A cell from a data string, which may use inline Markdown (emphasis, escapes). */
function markdownCell(text: string | number): Cell {
  const tree = parseMarkdown(String(text));
  oneSpaced(tree);
  decideLinks(tree);
  return tree.children.filter((n): n is BlockContent => n.type !== 'yaml' && n.type !== 'definition');
}

function listCell(items: readonly string[]): Cell {
  return [
    {
      type: 'list',
      ordered: false,
      spread: false,
      children: items.map((item) => ({ type: 'listItem', spread: false, children: markdownCell(item) as never })),
    },
  ];
}

function headerCells(columns: object, keys: readonly string[]): PhrasingContent[][] {
  const labels = columns as Record<string, string | undefined>;
  return keys.map((key) => (labels[key] ? [{ type: 'text', value: oneSpace(labels[key]) }] : []));
}

/** The table a data file shows, with the directive's attributes (e.g. `status` for peer exchange), captioned with the data's caption or title. */
export function dataTable(data: DataSource, attributes: Record<string, string>, space: TableSpace): PackTable {
  const caption = 'caption' in data && data.caption ? data.caption : data.title;
  return { ...kindTable(data, attributes, space), caption: oneSpace(caption) };
}

/** A general table (`kind: table`): its columns, ungrouped rows, then each group under its group row, and its notes. */
function generalTable(data: TableData, space: TableSpace): PackTable {
  const cells = (row: Row): PackTableRow => ({ kind: 'cells', cells: data.columns.map((column) => (row[column.id] === undefined ? [] : markdownCell(row[column.id]!))) });
  const rows: PackTableRow[] = [
    ...(data.rows ?? []).map(cells),
    ...(data.groups ?? []).flatMap((group): PackTableRow[] => [{ kind: 'group', label: oneSpace(group.label) }, ...group.rows.map(cells)]),
  ];
  const header = data.columns.map((column): PhrasingContent[] => (column.label ? [{ type: 'text', value: oneSpace(column.label) }] : []));
  const table = measured(header, rows, space, data.columns.map((column) => column.align ?? null));
  const notes = (data.notes ?? []).map(markdownCell);
  // A hint never makes a column narrower than its longest word.
  const minimum = extents(header, rows, space).map((cells) => Math.max(0, ...cells.map((cell) => cell.word)) / space.width);
  return { ...table, widths: atLeast(hinted(table.widths, data.columns.map((column) => column.width)), minimum), ...(notes.length > 0 ? { notes } : {}) };
}

/**
 * Measured widths with the source's hints applied: a hinted column gets its share, the others
 * share what is left in proportion to their measured widths; hints over the whole width are scaled down.
 */
export function hinted(measuredWidths: readonly number[], hints: readonly (number | undefined)[]): number[] {
  const hintTotal = hints.reduce<number>((sum, hint) => sum + (hint ?? 0), 0);
  if (hintTotal === 0) return [...measuredWidths];
  const free = measuredWidths.reduce((sum, width, c) => sum + (hints[c] === undefined ? width : 0), 0);
  const left = Math.max(0, 1 - hintTotal);
  const widths = measuredWidths.map((width, c) => hints[c] ?? (free > 0 ? (left * width) / free : 0));
  const total = widths.reduce((a, b) => a + b, 0);
  return widths.map((width) => width / total);
}

/**
 * Widths (fractions) widened to their minimums where they fall short, the extra taken from the
 * columns with room to spare in proportion to it; when the minimums fill more than the whole
 * table, in proportion to them.
 */
export function atLeast(widths: readonly number[], minimum: readonly number[]): number[] {
  const needed = minimum.reduce((a, b) => a + b, 0);
  if (needed >= 1) return minimum.map((m) => m / needed);
  const short = widths.reduce((sum, w, c) => sum + Math.max(0, minimum[c]! - w), 0);
  if (short <= 0) return [...widths];
  const spare = widths.map((w, c) => Math.max(0, w - minimum[c]!));
  const room = spare.reduce((a, b) => a + b, 0);
  return widths.map((w, c) => (w < minimum[c]! ? minimum[c]! : w - (short * spare[c]!) / room));
}

function kindTable(data: DataSource, attributes: Record<string, string>, space: TableSpace): PackTable {
  switch (data.kind) {
    case 'table':
      return generalTable(data, space);
    case 'peer-exchange': {
      const status = attributes.status as keyof typeof data.columns;
      const keys = ['number', 'parties', 'date', 'format', 'description'] as const;
      const rows: PackTableRow[] = [];
      let category: string | undefined;
      for (const activity of data.activities.filter((a) => a.status === status)) {
        if (activity.category !== category) {
          category = activity.category;
          rows.push({ kind: 'group', label: data.categories[activity.category as keyof typeof data.categories] ?? activity.category });
        }
        rows.push({ kind: 'cells', cells: keys.map((key) => markdownCell(activity[key] ?? '')) });
      }
      return measured(headerCells(data.columns[status], keys), rows, space, ['right', null, null, null, null]);
    }
    case 'then-and-now': {
      const keys = ['attribute', 'then', 'now'] as const;
      const rows = data.groups.flatMap((group): PackTableRow[] => [
        { kind: 'group', label: oneSpace(group.name) },
        ...group.rows.map((row): PackTableRow => ({ kind: 'cells', cells: keys.map((key) => markdownCell((row as Record<string, string | undefined>)[key] ?? '')) })),
      ]);
      return measured(headerCells(data.columns, keys), rows, space);
    }
    case 'implementation-plan': {
      const rows = data.commitments.map(
        (c): PackTableRow => ({ kind: 'cells', cells: [markdownCell(`${c.number}\\. ${c.text}`), listCell(c.activities)] }),
      );
      return measured(headerCells(data.columns, ['commitment', 'activities']), rows, space);
    }
    case 'working-group-help': {
      const rows = data.stages.map((s): PackTableRow => ({ kind: 'cells', cells: [markdownCell(s.stage), listCell(s.help)] }));
      return measured(headerCells(data.columns, ['stage', 'help']), rows, space);
    }
  }
}

/** A Markdown (GFM) table: its first row is the header. */
export function markdownTable(table: Table, space: TableSpace): PackTable {
  const [head, ...body] = table.children;
  const header = (head?.children ?? []).map((cell) => cell.children);
  // As GFM does, a row has as many cells as the header: extra cells are dropped, missing ones empty.
  const rows = body.map(
    (row): PackTableRow => ({
      kind: 'cells',
      cells: header.map((_, c) => {
        const cell = row.children[c];
        return cell && cell.children.length > 0 ? [{ type: 'paragraph', children: cell.children }] : [];
      }),
    }),
  );
  return measured(header, rows, space, table.align ?? []);
}

function measured(header: PhrasingContent[][], rows: PackTableRow[], space: TableSpace, align: PackTable['align'] = []): PackTable {
  const columns = header.length;
  return {
    type: 'packTable',
    header,
    widths: columnWidths(extents(header, rows, space), space.width),
    align: Array.from({ length: columns }, (_, c) => align[c] ?? null),
    rows,
  };
}

/** Each column's cells (its header cell first) measured: on one line, and their longest word. */
function extents(header: PhrasingContent[][], rows: PackTableRow[], space: TableSpace): CellExtent[][] {
  const { measure, size } = space;
  // A cell's text as one line and its longest word, in points, plus what surrounds the text: padding, and a list's indent.
  const cell = (text: string, face: 'regular' | 'bold', inset: number) => ({
    line: measure.width(text, face, size) + inset,
    word: Math.max(0, ...text.split(/\s+/).map((word) => measure.width(word, face, size))) + inset,
  });
  const inset = 2 * space.padding + 1;
  const column = (c: number) => [
    cell(header[c]?.map((n) => toString(n)).join('') ?? '', 'bold', inset),
    ...rows.flatMap((row) => {
      if (row.kind !== 'cells') return [];
      const blocks = row.cells[c] ?? [];
      const indent = blocks.some((block) => block.type === 'list') ? space.listIndent : 0;
      // Each list item and paragraph is a line of its own.
      const lines = blocks.flatMap((block) => (block.type === 'list' ? block.children.map((item) => toString(item)) : [toString(block)]));
      return lines.map((line) => cell(line, 'regular', inset + indent));
    }),
  ];
  return header.map((_, c) => column(c));
}

/** A cell's extent in points: its text on one line, and its longest word, each with the cell's insets. */
export interface CellExtent {
  line: number;
  word: number;
}

/**
 * Column widths as fractions of the table's width, in the manner of HTML's automatic table layout:
 * each column gets at least its longest word; the remaining width goes to columns in proportion to
 * how much longer their longest cell is, so numbers and dates stay narrow and descriptions wide.
 * A table whose columns all fit on one line is spread across the width in proportion to them.
 */
export function columnWidths(columns: readonly (readonly CellExtent[])[], width: number): number[] {
  const minimum = columns.map((cells) => Math.max(1, ...cells.map((c) => c.word)));
  const maximum = columns.map((cells, c) => Math.max(minimum[c]!, ...cells.map((cell) => cell.line)));
  const sumMin = minimum.reduce((a, b) => a + b, 0);
  const sumMax = maximum.reduce((a, b) => a + b, 0);
  let points: number[];
  if (sumMax <= width) points = maximum;
  else if (sumMin >= width) points = minimum;
  else {
    const spare = width - sumMin;
    points = minimum.map((min, c) => min + (spare * (maximum[c]! - min)) / (sumMax - sumMin));
  }
  const total = points.reduce((a, b) => a + b, 0);
  return points.map((p) => p / total);
}
