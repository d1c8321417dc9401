/**
 * Running headers and footers, written over the buffered pages once the page count is known,
 * and the watermark, drawn on each new page before its content so it never hides text.
 * Every string is drawn at an explicit position with line wrapping off, and the cursor is put
 * back inside the page, so writing in the margins never makes pdfkit add a page.
 */
import type { PackPlan } from '../../plan/plan.js';
import { fill } from '../../plan/template.js';
import { watermarkPlacement } from '../../plan/watermark.js';
import type { LayoutContext } from './blocks.js';
import type { Pagination } from './flow.js';
import type { FontKey } from './style.js';
import { show } from './text.js';

/** The smallest share of the small size that running text is set in before it wraps instead. */
const SMALLEST = 0.8;

export function furniture(ctx: LayoutContext, plan: PackPlan, pagination: Pagination): void {
  const { doc, style, tagger, measure } = ctx;
  const { width, height, margins } = style.page;
  const size = style.sizes.small;
  const right = width - margins.right;
  const lineHeight = size * style.lineSpacing;
  const headerBaseline = margins.top / 2 + size / 2;
  const footerBaseline = height - margins.bottom / 2 + size / 2;
  const text = (value: string, x: number, baseline: number, font: FontKey, colour: string, at = size) => show(ctx, value, x, baseline, font, at, colour);
  /** `value` in as few lines as fit `room`: whole at the small size, else a little smaller, else wrapped at the small size. */
  const fit = (value: string, font: FontKey, room: number): { lines: string[]; size: number } => {
    const full = measure.width(value, font, size);
    if (full <= room) return { lines: [value], size };
    if (full * SMALLEST <= room) return { lines: [value], size: (size * room) / full };
    return { lines: wrap(value, (line) => measure.width(line, font, size) <= room), size };
  };

  pagination.furniture.forEach((page, index) => {
    if (!page) return;
    doc.switchToPage(index);
    ctx.placed.onPage(index);
    tagger.artifact(() => {
      const short = plan.shortTitle;
      text(short, margins.left, headerBaseline, 'regular', style.colours.muted);
      // The plan has shortened the running title to fit beside the short title.
      if (page.title) text(page.title, right - measure.width(page.title, 'italic', size), headerBaseline, 'italic', style.colours.muted);
      doc.moveTo(margins.left, headerBaseline + size * 0.6).lineTo(right, headerBaseline + size * 0.6).lineWidth(0.5).strokeColor(style.colours.rule).stroke();

      // A document's marking, above the running header: lines go up from there, so they never meet it.
      if (page.marking) {
        const banner = fit(page.marking, 'bold', right - margins.left);
        const last = headerBaseline - lineHeight * 1.25;
        banner.lines.forEach((line, i) => {
          const lineWidth = measure.width(line, 'bold', banner.size);
          text(line, margins.left + (right - margins.left - lineWidth) / 2, last - (banner.lines.length - 1 - i) * lineHeight, 'bold', style.colours.restricted, banner.size);
        });
      }

      const number = fill(plan.labels.page, { page: index + 1, pages: pagination.pages });
      const numberWidth = measure.width(number, 'regular', size);
      text(number, right - numberWidth, footerBaseline, 'regular', style.colours.muted);
      // The edition line keeps clear of the page number; wrapped, its lines are centred on the page number's baseline.
      const footer = fit(plan.edition.footer, 'bold', right - margins.left - numberWidth - size * 2);
      const first = footerBaseline - ((footer.lines.length - 1) * lineHeight) / 2;
      footer.lines.forEach((line, i) => text(line, margins.left, first + i * lineHeight, 'bold', style.colours.restricted, footer.size));
    }, 'Pagination');
    tagger.close();
    doc.x = margins.left;
    doc.y = margins.top;
  });
}

/** Draws the plan's watermark on the current page, or returns undefined when the plan has none. */
export function watermark(ctx: LayoutContext, plan: PackPlan): (() => void) | undefined {
  const value = plan.edition.watermark;
  if (!value) return undefined;
  const { doc, style, tagger, measure } = ctx;
  const { width, height, margins } = style.page;
  const placement = watermarkPlacement(measure.width(value, 'bold', 1), style.page, style.sizes.watermark);
  const { ascender } = measure.metric('bold');
  return () => {
    tagger.artifact(() => {
      doc.save();
      doc.rotate(-placement.angle, { origin: [width / 2, height / 2] });
      // The capitals' middle on the page's centre: a capital is about two thirds of the ascender tall.
      const baseline = height / 2 + (placement.size * ascender) / 3;
      show(ctx, value, (width - placement.width) / 2, baseline, 'bold', placement.size, style.colours.watermark);
      doc.restore();
    }, 'Background');
    tagger.close();
    doc.x = margins.left;
    doc.y = margins.top;
  };
}

/** Words of `value` in lines that each pass `fits`; a single word too long for a line has a line of its own. */
export function wrap(value: string, fits: (line: string) => boolean): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of value.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && !fits(next)) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
