/**
 * The PDF cover, read back with pdfjs: a title too long for one line wraps with the title's own
 * line spacing, and the cover says each thing once.
 */
import { describe, expect, it } from 'vitest';
import { buildPack } from '../src/build/build.js';
import { loadLayout } from '../src/layout/template.js';
import { markedItems, openPdf, PDF } from './helpers/pdf.js';
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
