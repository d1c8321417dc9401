/**
 * Running headers and footers, written over the buffered pages once the page count is known.
 * Every string is drawn at an explicit position with line wrapping off, and the cursor is put
 * back inside the page, so writing in the margins never makes pdfkit add a page.
 */
import type { PackPlan } from '../../layout/plan.js';
import { fill } from '../../layout/template.js';
import type { LayoutContext } from './blocks.js';
import type { Pagination } from './flow.js';
import type { FontKey } from './style.js';

export function furniture(ctx: LayoutContext, plan: PackPlan, pagination: Pagination): void {
  const { doc, style, tagger, measure } = ctx;
  const { width, height, margins } = style.page;
  const size = style.sizes.small;
  const right = width - margins.right;
  const headerBaseline = margins.top / 2 + size / 2;
  const footerBaseline = height - margins.bottom / 2 + size / 2;
  const text = (value: string, x: number, baseline: number, font: FontKey, colour: string) =>
    doc.font(style.faces[font]).fontSize(size).fillColor(colour).text(value, x, baseline, { lineBreak: false, baseline: 'alphabetic' } as never);
  /** Cuts `value` with an ellipsis to fit `room`. */
  const fit = (value: string, font: FontKey, room: number): string => {
    if (measure.width(value, font, size) <= room) return value;
    let cut = value;
    while (cut.length > 1 && measure.width(`${cut}…`, font, size) > room) cut = cut.slice(0, -1);
    return `${cut.trimEnd()}…`;
  };

  pagination.furniture.forEach((page, index) => {
    if (!page) return;
    doc.switchToPage(index);
    tagger.artifact(() => {
      const short = plan.shortTitle;
      const shortWidth = measure.width(short, 'regular', size);
      text(short, margins.left, headerBaseline, 'regular', style.colours.muted);
      if (page.title) {
        const room = right - margins.left - shortWidth - size * 2;
        const title = fit(page.title, 'italic', room);
        text(title, right - measure.width(title, 'italic', size), headerBaseline, 'italic', style.colours.muted);
      }
      doc.moveTo(margins.left, headerBaseline + size * 0.6).lineTo(right, headerBaseline + size * 0.6).lineWidth(0.5).strokeColor(style.colours.rule).stroke();

      const marking = plan.edition.marking;
      text(marking, margins.left, footerBaseline, 'bold', style.colours.restricted);
      const number = fill(style.labels.page, { page: index + 1, pages: pagination.pages });
      text(number, right - measure.width(number, 'regular', size), footerBaseline, 'regular', style.colours.muted);
    }, 'Pagination');
    tagger.close();
    doc.x = margins.left;
    doc.y = margins.top;
  });
}
