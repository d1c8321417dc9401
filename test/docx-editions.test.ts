/**
 * What an edition adds to the DOCX, read back as OOXML parts: the edition on the cover, the
 * edition line in every footer, Word's text watermark in the header of every section (the
 * cover's included) and a withheld paper's banner in the header of its section only.
 */
import type { Document, Element } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { editionPlan } from '../src/build/build.js';
import type { PackPlan } from '../src/plan/plan.js';
import { loadLayout, type FontFiles, type Layout } from '../src/plan/template.js';
import type { Pack } from '../src/model/pack.js';
import { readPack } from '../src/pipeline.js';
import { renderDocx } from '../src/render/docx/render.js';
import { all, openDocx, R, styleOf, textOf, W } from './helpers/docx.js';
import { contentTree } from './helpers/trees.js';

const V = 'urn:schemas-microsoft-com:vml';

interface Section {
  /** The texts of the section's Heading 1 paragraphs. */
  titles: string[];
  /** The section's paragraphs' texts. */
  texts: string[];
  header?: Document;
  footer?: Document;
}

interface Rendered {
  plan: PackPlan;
  bytes: Uint8Array;
  sections: Section[];
  /** Every part's name. */
  names: string[];
  textOfParts: (pattern: RegExp) => Promise<string[]>;
}

let pack: Pack;
let layout: Layout;
let fonts: FontFiles;

async function render(edition: number, draft = false): Promise<Rendered> {
  const plan = editionPlan(pack, pack.editions[edition]!, layout, fonts, {}, draft);
  const { bytes } = await renderDocx(plan, layout, fonts);
  const docx = await openDocx(bytes);
  const document = await docx.xml('word/document.xml');
  const rels = await docx.xml('word/_rels/document.xml.rels');
  const targets = new Map(Array.from(rels.getElementsByTagName('Relationship')).map((r) => [r.getAttribute('Id'), r.getAttribute('Target')]));
  const part = async (reference: Element | undefined) => (reference ? docx.xml(`word/${targets.get(reference.getAttributeNS(R, 'id'))}`) : undefined);
  // A section ends at the paragraph whose properties hold its sectPr; the last one's sectPr closes the body.
  const sections: Section[] = [];
  let current: Section = { titles: [], texts: [] };
  const bodyElement = all(document, 'body')[0]!;
  for (const child of Array.from(bodyElement.childNodes) as Element[]) {
    if (child.namespaceURI !== W) continue;
    if (child.localName === 'p') {
      if (styleOf(child) === 'Heading1') current.titles.push(textOf(child));
      current.texts.push(textOf(child));
    }
    const sectPr = child.localName === 'sectPr' ? child : all(child, 'sectPr')[0];
    if (sectPr && (child.localName === 'sectPr' || child.localName === 'p')) {
      current.header = await part(all(sectPr, 'headerReference')[0]);
      current.footer = await part(all(sectPr, 'footerReference')[0]);
      expect(all(sectPr, 'headerReference').length).toBeLessThanOrEqual(1);
      sections.push(current);
      current = { titles: [], texts: [] };
    }
  }
  const names = Object.keys(docx.zip.files);
  const textOfParts = async (pattern: RegExp) => Promise.all(names.filter((n) => pattern.test(n)).map((n) => docx.zip.file(n)!.async('string')));
  return { plan, bytes, sections, names, textOfParts };
}

let publicDocx: Rendered;
let committee: Rendered;
let draft: Rendered;

beforeAll(async () => {
  ({ pack } = (await readPack(contentTree())) as { pack: Pack });
  ({ layout, fonts } = (await loadLayout()) as { layout: Layout; fonts: FontFiles });
  publicDocx = await render(0);
  committee = await render(1);
  draft = await render(1, true);
}, 120_000);

describe('the edition on the cover and in the footer', () => {
  it('names the edition on the cover, just above its marking when the marking says more than the edition’s name', () => {
    const cover = committee.sections[0]!.texts;
    expect(cover.indexOf(committee.plan.cover.marking!)).toBe(cover.indexOf(committee.plan.cover.edition) + 1);
    // `PUBLIC` under `Public edition` would say the same thing twice.
    expect(publicDocx.plan.cover.marking).toBeUndefined();
    expect(publicDocx.sections[0]!.texts).toContain('Public edition');
    expect(publicDocx.sections[0]!.texts).not.toContain('PUBLIC');
  });

  it('puts the edition’s footer line in the footer of every section but the cover’s', () => {
    for (const { plan, sections } of [publicDocx, committee, draft]) {
      expect(sections.length).toBeGreaterThan(10);
      expect(sections[0]!.footer).toBeUndefined();
      for (const [i, section] of sections.slice(1).entries()) {
        const footer = section.footer?.documentElement;
        expect(footer, `section ${i + 2}`).toBeDefined();
        // Bold, in the restricted colour, as in the PDF.
        const run = all(footer!, 'r')[0]!;
        expect(textOf(run)).toBe(plan.edition.footer);
        expect(all(run, 'b')).toHaveLength(1);
        expect(all(run, 'color').map((c) => c.getAttributeNS(W, 'val'))).toEqual([layout.colours.restricted.slice(1).toUpperCase()]);
        expect(textOf(footer!), `section ${i + 2}`).toMatch(new RegExp(`^${plan.edition.footer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}Page `));
      }
    }
  });
});

describe('the watermark', () => {
  it('is Word’s text watermark in the header of every section, the cover’s included', () => {
    const mark = draft.plan.edition.watermark!;
    expect(mark).toBe(layout.labels.draft);
    for (const [i, section] of draft.sections.entries()) {
      expect(section.header, `section ${i + 1}`).toBeDefined();
      const shapes = Array.from(section.header!.getElementsByTagNameNS(V, 'shape'));
      expect(shapes, `section ${i + 1}`).toHaveLength(1);
      expect(shapes[0]!.getAttribute('id')).toMatch(/^PowerPlusWaterMarkObject\d+$/);
      expect(shapes[0]!.getAttribute('type')).toBe('#_x0000_t136');
      expect(shapes[0]!.getAttribute('style')).toMatch(/z-index:-/);
      const paths = Array.from(shapes[0]!.getElementsByTagNameNS(V, 'textpath'));
      expect(paths.map((p) => p.getAttribute('string'))).toEqual([mark]);
      // The shape type it names is defined in the same part.
      expect(Array.from(section.header!.getElementsByTagNameNS(V, 'shapetype')).map((t) => t.getAttribute('id'))).toEqual(['_x0000_t136']);
    }
  });

  it('leaves the cover without running header or footer', () => {
    const cover = draft.sections[0]!;
    expect(textOf(cover.header!.documentElement!)).toBe('');
    expect(cover.footer).toBeUndefined();
  });

  it('gives each watermark shape its own id', async () => {
    const ids = (await draft.textOfParts(/^word\/header\d+\.xml$/)).flatMap((xml) => [...xml.matchAll(/<v:shape id="([^"]+)"/g)].map((m) => m[1]));
    expect(ids.length).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is absent when the edition has none: no shape, and a cover without header', async () => {
    for (const rendered of [publicDocx, committee]) {
      expect(rendered.plan.edition.watermark).toBeUndefined();
      expect(rendered.sections[0]!.header).toBeUndefined();
      for (const xml of await rendered.textOfParts(/^word\/.*\.xml$/)) expect(xml).not.toContain('textpath');
    }
  });
});

describe('the banner of a withheld paper', () => {
  it('is in the header of the section of each withheld paper of the committee edition, above the running header, and in no other header', () => {
    for (const rendered of [committee, draft]) {
      const marked = new Map(rendered.plan.parts.flatMap((p) => p.documents).filter((d) => d.marking).map((d) => [d.title, d.marking!]));
      expect([...marked.keys()]).toEqual(['Country updates', 'Draft OGP Trust Fund concept note']);
      let bannered = 0;
      for (const [i, section] of rendered.sections.entries()) {
        const marking = section.titles.map((t) => marked.get(t)).find(Boolean);
        const header = section.header ? all(section.header, 'p').map((p) => [styleOf(p), textOf(p)]) : [];
        if (marking) {
          bannered++;
          expect(header, `section ${i + 1}`).toEqual([
            ['Banner', marking],
            ['Header', `${rendered.plan.shortTitle}${rendered.plan.sections[i]!.running}`],
          ]);
        } else expect(header.some(([style, text]) => style === 'Banner' || text!.includes('NOT FOR CIRCULATION')), `section ${i + 1}`).toBe(false);
      }
      expect(bannered).toBe(marked.size);
    }
  });

  it('is in no part of the public edition', async () => {
    for (const xml of await publicDocx.textOfParts(/^word\/(header|footer)\d+\.xml$/)) expect(xml).not.toContain('NOT FOR CIRCULATION');
  });
});

describe('reproducible edition DOCX', () => {
  it('gives the same bytes for the same draft committee plan', async () => {
    const again = await renderDocx(draft.plan, layout, fonts);
    expect(Buffer.from(again.bytes).equals(Buffer.from(draft.bytes))).toBe(true);
  });
});
