/**
 * Word tables. A table whose every cell holds at most one paragraph becomes a GitHub table in the
 * paper. Any other (a cell with paragraphs, lists or a table of its own, or merged cells) cannot be
 * a GitHub table without losing its structure, so it becomes the general table kind, a data file
 * `data/<paper>-table-<n>.yaml` whose cells are Markdown, which the paper shows with `::table`.
 * A row of one cell spanning the whole table is that kind's group row.
 */
import type { Element, ElementContent } from 'hast';
import type { BlockContent, Nodes, Parent, RootContent } from 'mdast';
import { defaultHandlers, type State } from 'hast-util-to-mdast';

/** A table kept whole until the paper is written, so later passes see its cells. */
export interface ImportTable extends Parent {
  type: 'importTable';
  children: ImportRow[];
}

export interface ImportRow extends Parent {
  type: 'importRow';
  header: boolean;
  children: ImportCell[];
}

export interface ImportCell extends Parent {
  type: 'importCell';
  /** Columns and rows it spans. */
  span: number;
  rowSpan: number;
  children: BlockContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    importTable: ImportTable;
    importRow: ImportRow;
    importCell: ImportCell;
  }
  interface BlockContentMap {
    importTable: ImportTable;
  }
}

const isElement = (node: ElementContent): node is Element => node.type === 'element';
const BLOCK = new Set(['p', 'ul', 'ol', 'table', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre']);

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const c of table.children.filter(isElement)) {
    if (c.tagName === 'tr') rows.push(c);
    else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') rows.push(...c.children.filter(isElement).filter((r) => r.tagName === 'tr'));
  }
  return rows;
}

const cellsOf = (row: Element) => row.children.filter(isElement).filter((c) => c.tagName === 'td' || c.tagName === 'th');
const spanOf = (cell: Element, name: 'colSpan' | 'rowSpan') => Number(cell.properties[name] ?? 1) || 1;

/** Whether a GitHub table can hold the table as it is. */
function isSimpleTable(table: Element): boolean {
  return rowsOf(table).every((row) =>
    cellsOf(row).every((cell) => {
      const blocks = cell.children.filter(isElement).filter((c) => BLOCK.has(c.tagName));
      return spanOf(cell, 'colSpan') === 1 && spanOf(cell, 'rowSpan') === 1 && blocks.length <= 1 && blocks.every((b) => b.tagName === 'p');
    }),
  );
}

/** The `table` handler: a GitHub table when simple, else an `importTable` holding each cell's blocks. */
export function tableHandler(state: State, table: Element): Nodes | undefined {
  if (isSimpleTable(table)) return defaultHandlers.table(state, table);
  const rows: ImportRow[] = rowsOf(table).map((row) => {
    const cells = cellsOf(row);
    return {
      type: 'importRow',
      header: cells.length > 0 && cells.every((c) => c.tagName === 'th'),
      children: cells.map((cell) => ({ type: 'importCell', span: spanOf(cell, 'colSpan'), rowSpan: spanOf(cell, 'rowSpan'), children: state.toFlow(state.all(cell) as RootContent[]) as BlockContent[] })),
    };
  });
  return { type: 'importTable', children: rows };
}
