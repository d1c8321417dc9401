/**
 * Tables on pdfkit primitives: column widths from the plan's fractions, padded and bordered
 * cells holding any block content, group rows across the table, the header row repeated on
 * every page the table continues on, and tall rows split between pages as the plan's break
 * rules allow: a short row is kept whole, a split leaves a few lines of a cell on either page,
 * and the row's part on the next page opens under the header with a line marking it continued.
 */
import type { PackTable } from '../../plan/plan.js';
import { bodyStyle, inlineRuns, layoutBlocks, paragraph, type Box, type LayoutContext } from './blocks.js';
import { drawStack, stackHeight, type Item } from './flow.js';
import type { TagNode } from './tags.js';
import { breakLines, lineItems } from './text.js';

interface Cell {
  x: number;
  width: number;
  items: Item[];
}

export function layoutTable(ctx: LayoutContext, table: PackTable, box: Box, parent: TagNode): Item[] {
  const { style, tagger } = ctx;
  const { rowLines: keepLines, splitLines: minLines } = ctx.breaks;
  const pad = style.tables.cellPadding;
  const columns: { x: number; width: number }[] = [];
  let x = box.x;
  const total = table.widths.reduce((a, b) => a + b, 0) || 1;
  for (const width of table.widths.map((fraction) => (fraction / total) * box.width)) {
    columns.push({ x, width });
    x += width;
  }
  const tableTag = tagger.node('Table', parent);
  const small = { ...bodyStyle(ctx), size: style.sizes.table };

  const cellBox = (column: number): Box => {
    const c = columns[column]!;
    return { x: c.x + pad, width: c.width - 2 * pad, align: table.align[column] ?? null };
  };

  const borders = (y: number, height: number, cells: { x: number; width: number }[], fill?: string) => {
    tagger.artifact(() => {
      const doc = ctx.doc;
      if (fill) doc.rect(box.x, y, box.width, height).fill(fill);
      doc.lineWidth(style.tables.border).strokeColor(style.colours.rule);
      for (const cell of cells) doc.rect(cell.x, y, cell.width, height).stroke();
    });
  };

  const rowItem = (cells: Cell[], fill: string | undefined, extra: Partial<Item> = {}): Item => {
    const height = Math.max(0, ...cells.map((cell) => stackHeight(cell.items))) + 2 * pad;
    const lines = Math.max(0, ...cells.map((cell) => cell.items.length));
    const item: Item = {
      height,
      // The least of the row a page can take: all of a short row, else its first lines.
      minHeight: lines <= keepLines ? height : Math.max(0, ...cells.map((cell) => stackHeight(cell.items.slice(0, minLines)))) + 2 * pad,
      draw: (y) => {
        borders(y, height, cells, fill);
        for (const cell of cells) drawStack(cell.items, y + pad);
      },
      split: (available) => {
        if (lines <= keepLines) return undefined;
        const room = available - 2 * pad;
        const first: Cell[] = [];
        const rest: Cell[] = [];
        for (const cell of cells) {
          let used = 0;
          let count = 0;
          for (const [index, inner] of cell.items.entries()) {
            const next = used + inner.height + (index === 0 ? 0 : (inner.before ?? 0));
            if (next > room) break;
            used = next;
            count++;
          }
          // Orphan and widow control inside the cell: break only where its lines allow, leaving at least two lines on either page.
          while (count > 0 && count < cell.items.length && cell.items[count - 1]!.keepWithNext) count--;
          if (count < cell.items.length) {
            count = Math.min(count, cell.items.length - minLines);
            if (count < minLines) count = 0;
          }
          first.push({ ...cell, items: cell.items.slice(0, count) });
          rest.push({ ...cell, items: cell.items.slice(count) });
        }
        if (Math.max(...first.map((cell) => cell.items.length)) < minLines || rest.every((cell) => cell.items.length === 0)) return undefined;
        return [rowItem(first, fill, { ...extra, header: undefined }), rowItem(rest, fill, { ...extra, before: 0, header: continuation(repeated) })];
      },
      ...extra,
    };
    return item;
  };

  // The header row: tagged once; its repetitions on later pages are pagination artifacts.
  const headerRow = (repeat: boolean): Item => {
    const rowTag = tagger.node('TR', tableTag);
    const cells = table.header.map((content, column) => {
      const b = cellBox(column);
      const cellTag = tagger.node('TH', rowTag, { scope: 'Column' });
      const runs = (tag: TagNode) => inlineRuns(ctx, content, { ...small, font: 'bold' }, tag);
      const items = repeat
        ? lineItems(ctx, breakLines(ctx.measure, runs(cellTag), b.width, style.lineSpacing), b.x, 'artifact')
        : paragraph(ctx, b, runs, cellTag, { before: 0 });
      return { x: columns[column]!.x, width: columns[column]!.width, items };
    });
    return { ...rowItem(cells, style.colours.tableHeader), split: undefined, keepWithNext: true };
  };

  /** The repeated header row, then a line across the table saying that the row below goes on from the previous page. */
  const continuation = (header: Item | undefined): Item => {
    const b: Box = { x: box.x + pad, width: box.width - 2 * pad };
    const label = lineItems(ctx, breakLines(ctx.measure, [{ text: ctx.labels.continued, ...small, font: 'italic', colour: style.colours.muted }], b.width, style.lineSpacing), b.x, 'artifact');
    const strip = rowItem([{ x: box.x, width: box.width, items: label }], undefined);
    const stacked = header ? [header, strip] : [strip];
    return { height: stackHeight(stacked), draw: (y) => drawStack(stacked, y) };
  };

  const items: Item[] = [];
  // The caption is the table's first child, as PDF/UA places it, kept with the header row.
  const caption = table.caption
    ? paragraph(ctx, { x: box.x, width: box.width }, () => [{ text: table.caption!, ...small, font: 'bold' }], tableTag, { type: 'Caption', before: style.spacing.paragraph, keepWithNext: true })
    : [];
  items.push(...caption);
  const gap = caption.length > 0 ? style.spacing.paragraph / 2 : style.spacing.paragraph;
  const header = table.header.length > 0 ? headerRow(false) : undefined;
  const repeated = header ? headerRow(true) : undefined;
  if (header) items.push({ ...header, before: gap });

  for (const row of table.rows) {
    const rowTag = tagger.node('TR', tableTag);
    if (row.kind === 'group') {
      const cellTag = tagger.node('TD', rowTag, { colSpan: columns.length });
      const b: Box = { x: box.x + pad, width: box.width - 2 * pad };
      const cell = { x: box.x, width: box.width, items: paragraph(ctx, b, () => [{ text: row.label, ...small, font: 'bold' }], cellTag, { before: 0 }) };
      items.push({ ...rowItem([cell], style.colours.groupRow), split: undefined, keepWithNext: true, header: repeated });
      continue;
    }
    const cells = row.cells.map((content, column) => {
      const cellTag = tagger.node('TD', rowTag);
      const cellItems = layoutBlocks({ ...ctx, size: style.sizes.table }, content, cellBox(column), cellTag);
      return { x: columns[column]!.x, width: columns[column]!.width, items: cellItems };
    });
    items.push(rowItem(cells, undefined, { header: repeated }));
  }
  if (items.length > caption.length && !header) items[caption.length]!.before = gap;
  // Notes follow the table at its text size, outside it: they are about the table, not cells of it.
  for (const note of table.notes ?? []) items.push(...layoutBlocks({ ...ctx, size: style.sizes.table }, note, box, parent));
  return items;
}
