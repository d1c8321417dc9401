/**
 * The vertical list and the paginator. Layout turns the pack into items (lines, table rows,
 * rules, whole pages); the paginator places them top to bottom, breaking pages where items
 * allow it, keeping headings with what follows, splitting tall table rows and repeating
 * table headers on the pages a table continues on.
 */
import type PDFDocument from 'pdfkit';
import type { PdfStyle } from './style.js';
import type { Tagger } from './tags.js';

export type Doc = InstanceType<typeof PDFDocument>;

export interface Item {
  height: number;
  /** Space above the item; dropped at the top of a page. */
  before?: number;
  /** No page break between this item and the next. */
  keepWithNext?: boolean;
  /** Start a new page before this item (unless the page is still empty). */
  pageBreakBefore?: boolean;
  /** Distance from the top to the first baseline, for labels drawn beside the item. */
  baseline?: number;
  /** Draws the item with its top at `y`. */
  draw(y: number): void;
  /** Splits the item so that the first part fits `available`; undefined when no part fits. */
  split?(available: number): [Item, Item] | undefined;
  /** The smallest first part `split` can produce, for keep-with-next decisions. */
  minHeight?: number;
  /** Placed first on every page this item continues on (a table's header row). */
  header?: Item;
  /** Link targets that point at this item. */
  anchors?: string[];
  /** From this item on, the running header names this document (null: none) and carries its marking, if any. */
  running?: Running;
  /** A page without running header and footer (the cover). */
  bare?: boolean;
}

/** Height of items stacked without page breaks, the first one's space above dropped. */
export function stackHeight(items: readonly Item[]): number {
  return items.reduce((sum, item, index) => sum + item.height + (index === 0 ? 0 : (item.before ?? 0)), 0);
}

/** Draws items stacked from `y` down, without page breaks (inside a table cell or on a page laid out whole). */
export function drawStack(items: readonly Item[], y: number): void {
  let cy = y;
  items.forEach((item, index) => {
    if (index > 0) cy += item.before ?? 0;
    item.draw(cy);
    cy += item.height;
  });
}

/** What the head of a page carries besides the pack's short title. */
export interface Running {
  title: string | null;
  /** A banner across the page head, e.g. a withheld paper's `RESTRICTED — …`. */
  marking?: string;
}

export interface Placed {
  page: number;
  y: number;
}

export interface Pagination {
  pages: number;
  anchors: Map<string, Placed>;
  /** For every page: its running title and marking, or null for a page without furniture. */
  furniture: (Running | null)[];
}

/**
 * Places `items` on new pages of `doc`, which must be created with `bufferPages`; `background`
 * draws on each new page before anything else (the watermark). With `draw: false` the pages
 * are counted and anchors placed, but nothing is drawn or added to `doc`.
 */
export function paginate(doc: Doc, style: PdfStyle, tagger: Tagger, items: Item[], options: { background?: () => void; draw?: boolean } = {}): Pagination {
  const draw = options.draw ?? true;
  const top = style.page.margins.top;
  const bottom = style.page.height - style.page.margins.bottom;
  const anchors = new Map<string, Placed>();
  const furniture: Pagination['furniture'] = [];
  let page = -1;
  let y = top;
  let empty = true;
  /** Nothing but a repeated table header on the page yet: breaking again would not help. */
  let fresh = true;
  let running: Running = { title: null };

  const newPage = () => {
    page++;
    if (draw) {
      tagger.close();
      doc.addPage();
      options.background?.();
    }
    furniture.push(running);
    y = top;
    empty = true;
    fresh = true;
  };
  const continuePage = (item: Item) => {
    newPage();
    if (item.header) place(item.header);
    fresh = true;
  };

  const place = (item: Item) => {
    if (!empty) y += item.before ?? 0;
    if (item.running) {
      running = item.running;
      if (empty) furniture[page] = running;
    }
    if (item.bare) furniture[page] = null;
    for (const anchor of item.anchors ?? []) anchors.set(anchor, { page, y });
    if (draw) item.draw(y);
    y += item.height;
    empty = false;
    fresh = false;
  };

  /** Height the run of kept-together items starting at `index` needs before a break is allowed. */
  const keptHeight = (index: number): number => {
    let height = 0;
    for (let i = index; i < items.length; i++) {
      const item = items[i]!;
      const before = i === index ? 0 : (item.before ?? 0);
      if (!item.keepWithNext || i > index + 12) return height + before + (item.split ? (item.minHeight ?? item.height) : item.height);
      height += before + item.height;
    }
    return height;
  };

  newPage();
  for (let i = 0; i < items.length; i++) {
    let item = items[i]!;
    if (item.pageBreakBefore && !empty) newPage();
    for (;;) {
      const available = bottom - y - (empty ? 0 : (item.before ?? 0));
      const needed = item.keepWithNext ? keptHeight(i) : item.split ? (item.minHeight ?? item.height) : item.height;
      if (!fresh && needed > available && needed <= bottom - top) {
        continuePage(item);
        continue;
      }
      if (item.height > available && item.split) {
        const parts = item.split(available);
        if (parts) {
          place(parts[0]);
          // The rest opens the next page under its own header (a table's, with the row marked continued).
          continuePage(parts[1]);
          item = parts[1];
          continue;
        }
        if (!fresh) {
          continuePage(item);
          continue;
        }
      } else if (item.height > available && !fresh) {
        continuePage(item);
        continue;
      }
      place(item);
      break;
    }
  }
  if (draw) tagger.close();
  return { pages: page + 1, anchors, furniture };
}
