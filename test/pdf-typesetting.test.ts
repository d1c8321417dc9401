/**
 * The PDF's typesetting, read back with pdfjs: a cover title too long for one line wraps with the
 * title's own line spacing, the cover says each thing once, and a table row split between pages
 * leaves at least two lines on each and reads as a continuation.
 */
import { describe, expect, it } from 'vitest';
import { buildPack } from '../src/build/build.js';
import { loadLayout } from '../src/plan/template.js';
import { defaultPdf, markedItems, openPdf, PDF } from './helpers/pdf.js';
import { contentTree } from './helpers/trees.js';

const TITLE = 'Steering Committee Meeting on the Implementation of the Open Government Declaration and the 2030 Agenda';

describe('the cover', () => {
  it('sets a wrapped title’s lines at the title’s line spacing, and names the venue, the edition and the organisation once', { timeout: 60_000 }, async () => {
    const tree = contentTree({ 'meeting.yaml': (t) => t.replace('title: Steering Committee Meeting', `title: ${TITLE}`) });
    const { outputs, diagnostics } = await buildPack(tree, { formats: PDF, editions: ['public'], contentChecks: false }, {});
    if (!outputs) throw new Error(diagnostics.map((d) => d.message).join('\n'));
    const pdf = await openPdf(outputs.find((o) => o.name.endsWith('.pdf'))!.bytes);
    const { layout } = await loadLayout();
    const items = (await markedItems(pdf, 0)).filter((item) => item.str.trim());
    // The title's lines are the items set at the title's size, in the order drawn.
    const words = new Set(TITLE.split(' '));
    const lines = [...new Set(items.filter((item) => item.str.split(' ').every((w) => words.has(w)) && item.str.split(' ').length > 1).map((item) => item.y))];
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const spacing = layout!.sizes.title * layout!.lineSpacing;
    for (let i = 1; i < lines.length; i++) expect(lines[i - 1]! - lines[i]!).toBeCloseTo(spacing, 0);

    const text = items.map((item) => item.str).join(' ');
    const count = (needle: string) => text.split(needle).length - 1;
    expect(count('Hilton Mexico City Reforma')).toBe(1);
    expect(count('Public edition')).toBe(1);
    expect(text).not.toContain('PUBLIC');
    expect(text).not.toContain('OGP Steering Committee');
    expect(count('Open Government Partnership')).toBe(1);
  });
});

describe('a table row split between pages', () => {
  it('keeps at least two lines of the implementation plan’s row 4 on either page, its rest under the header and a continued line', { timeout: 60_000 }, async () => {
    const pdf = await openPdf((await defaultPdf()).bytes);
    const pages = await Promise.all(Array.from({ length: pdf.numPages }, (_, i) => markedItems(pdf, i)));
    const start = pages.findIndex((items) => items.some((item) => !item.artifact && item.str.startsWith('4. Uphold the principles')));
    expect(start).toBeGreaterThan(0);
    const [first, next] = [pages[start]!, pages[start + 1]!];
    // The next page opens with the repeated header and the continued line, drawn as artifacts.
    const heads = next.filter((item) => item.artifact).map((item) => item.str.trim());
    expect(heads).toEqual(expect.arrayContaining(['Declaration Commitment:', 'SC/SU Activities:', '(continued)']));
    // The second column starts where its header does; the row's first cell is left of it.
    const column = first.find((item) => item.str.trim() === 'SC/SU Activities:')!.x;
    const lines = (items: typeof first) => new Set(items.filter((item) => !item.artifact && item.x < column - 1).map((item) => Math.round(item.y))).size;
    const top = first.find((item) => item.str.startsWith('4. Uphold the principles'))!.y;
    const bottom = next.find((item) => !item.artifact && item.str.startsWith('5. Use our'))!.y;
    expect(lines(first.filter((item) => item.y <= top))).toBeGreaterThanOrEqual(2);
    expect(lines(next.filter((item) => item.y > bottom))).toBeGreaterThanOrEqual(2);
  });
});

