import { describe, expect, it } from 'vitest';
import { editionPlan } from '../src/build/build.js';
import { memoryTree } from '../src/io/source-tree.js';
import { isLiveTarget } from '../src/plan/links.js';
import { loadLayout } from '../src/plan/template.js';
import { readPack } from '../src/pipeline.js';
import { renderDocx } from '../src/render/docx/render.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { openDocx, R } from './helpers/docx.js';
import { openPdf, squash, pageText } from './helpers/pdf.js';
import { MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';

const PAPER = `---
id: budget
title: Budget
status: included
---

Live: [site](https://example.org/a), [mail](mailto:budget@example.org), [kept][good].

Dead: [js](javascript:alert(1)), [upper](JAVASCRIPT:alert(2)), [file](file:///etc/passwd), [data](data:text/html,x), [relative](other.html), [hidden][bad].

| Link in a table |
| --- |
| [cell](javascript:alert(4)) |

[bad]: javascript:alert(3)
[good]: https://example.org/b
`;

const LIVE = ['https://example.org/a', 'mailto:budget@example.org', 'https://example.org/b'];

async function plan() {
  const tree = memoryTree({ 'meeting.yaml': MINIMAL_MEETING, 'sessions/only.yaml': `${MINIMAL_SESSION}    papers: [budget]\n`, 'papers/budget.md': PAPER });
  const { pack, diagnostics } = await readPack(tree);
  if (!pack) throw new Error(diagnostics.map(String).join('; '));
  const { layout, fonts } = await loadLayout();
  return { plan: editionPlan(pack, pack.editions[0]!, layout!, fonts!, { SOURCE_DATE_EPOCH: '1445817600' }), layout: layout!, fonts: fonts! };
}

describe('live links', () => {
  it('are only web and mail addresses and anchors', () => {
    expect(['https://x.org', 'HTTP://x.org', 'mailto:a@x.org', '#intro'].map(isLiveTarget)).toEqual([true, true, true, true]);
    expect(['javascript:alert(1)', 'java\tscript:alert(1)', ' javascript:x', 'file:///etc/passwd', 'data:text/html,x', 'other.html', '//x.org', 'vbscript:x', 'https//x'].map(isLiveTarget)).toEqual(Array(9).fill(false));
  });

  it('the PDF has link annotations only for web and mail addresses, and prints the others as text', async () => {
    const { plan: p, layout, fonts } = await plan();
    const pdf = await openPdf((await renderPdf(p, layout, fonts)).bytes);
    const targets: string[] = [];
    let text = '';
    for (let i = 1; i <= pdf.numPages; i++) {
      const page = await pdf.getPage(i);
      for (const a of (await page.getAnnotations()) as { subtype: string; url?: string; unsafeUrl?: string }[]) if (a.subtype === 'Link' && (a.url || a.unsafeUrl)) targets.push(a.unsafeUrl ?? a.url!);
      text += ` ${await pageText(pdf, i - 1)}`;
    }
    expect(targets.sort()).toEqual([...LIVE].sort());
    expect(squash(text)).toContain('Dead: js, upper, file, data, relative, hidden.');
    expect(squash(text)).toContain('cell');
  });

  it('the DOCX has hyperlinks only to web and mail addresses', async () => {
    const { plan: p, layout, fonts } = await plan();
    const { xml } = await openDocx((await renderDocx(p, layout, fonts)).bytes);
    const rels = Array.from((await xml('word/_rels/document.xml.rels')).getElementsByTagName('Relationship'));
    const external = rels.filter((r) => r.getAttribute('TargetMode') === 'External').map((r) => r.getAttribute('Target'));
    expect(external.sort()).toEqual([...LIVE].sort());
    const document = await xml('word/document.xml');
    const linked = Array.from(document.getElementsByTagNameNS('http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'hyperlink')).map((h) => h.getAttributeNS(R, 'id')).filter(Boolean);
    expect(linked.length).toBe(LIVE.length);
    expect(document.documentElement?.textContent).toContain('Dead: js, upper, file, data, relative, hidden.');
  });
});
