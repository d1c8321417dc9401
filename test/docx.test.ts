import { homedir, userInfo } from 'node:os';
import { DOMParser } from '@xmldom/xmldom';
import mammoth from 'mammoth';
import { buildPack } from '../src/build/build.js';
import { FORMATS } from '../src/build/formats.js';
import { contentTree } from './helpers/trees.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { agendaItems, type DocumentPlan } from '../src/plan/plan.js';
import { packProperties } from '../src/plan/properties.js';
import { bookmarkName } from '../src/render/docx/bookmarks.js';
import { all, openDocx, R, renderDefaultDocx, styleOf, textOf, wAttr, type RenderedDocx } from './helpers/docx.js';

let built: RenderedDocx;
let docx: Awaited<ReturnType<typeof openDocx>>;
let body: Awaited<ReturnType<Awaited<ReturnType<typeof openDocx>>['xml']>>;

beforeAll(async () => {
  built = await renderDefaultDocx();
  docx = await openDocx(built.bytes);
  body = await docx.xml('word/document.xml');
}, 60_000);

const documents = (): DocumentPlan[] => built.plan.parts.flatMap((p) => p.documents);
const paragraphs = () => all(body, 'p');

describe('the DOCX briefing pack, read by mammoth', () => {
  it('has the papers in pack order, each under a Heading 1, after the agendas', async () => {
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(built.bytes) });
    const h1 = [...html.matchAll(/<h1>(?:<a id="[^"]*"><\/a>)*(.*?)<\/h1>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    const expected = [
      ...built.plan.agendas.map((a) => a.title),
      ...built.plan.parts.flatMap((p) => [...(p.divider ? [p.title] : []), ...p.documents.map((d) => d.title)]),
    ];
    expect(h1).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
  });

  it('carries the text of several papers, in order', async () => {
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(built.bytes) });
    const snippets = [
      '72 (including first second round reports)',
      'Jonathan Fox is a professor in the School of International Service at American University.',
      'Promote the rule of law consistent with international standards',
      'More people are living in cities than ever before.',
      'Mitigation: There are a few alternative methods to evaluate eligibility',
    ];
    const at = snippets.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0), `missing: ${snippets.filter((_, i) => at[i]! < 0).join(' | ')}`).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Withheld and outstanding papers are listed with their status, never printed.
    expect(text).toContain('Country updates (withheld as pre-decision)');
    expect(text).toContain('(to be circulated at the meeting)');
  });
});

describe('the DOCX briefing pack, read as OOXML', () => {
  it('uses Heading 1–3 styles for titles and the papers’ own headings', () => {
    const byStyle = (style: string) => paragraphs().filter((p) => styleOf(p) === style).map(textOf);
    const titles = byStyle('Heading1');
    for (const doc of documents()) expect(titles).toContain(doc.title);
    const declaration = documents().find((d) => d.id === 'subnational-concept-note')!;
    const h2 = byStyle('Heading2');
    for (const h of declaration.headings.filter((h) => h.depth === 2)) expect(h2).toContain(h.text);
    expect(byStyle('Heading3')).toContain('1. Mexico City: Institutionalizing Innovation and Citizen-Centered Programs');
    expect(byStyle('Title')).toEqual([built.plan.cover.title]);
    const quote = paragraphs().find((p) => textOf(p).startsWith('The Steering Committee commends the work'))!;
    expect(styleOf(quote)).toBe('Quote');
    expect(wAttr(all(quote, 'ind')[0]!, 'hanging')).toBeNull();
  });

  it('defines the named styles from the layout template', async () => {
    const styles = await docx.xml('word/styles.xml');
    const byId = new Map(all(styles, 'style').map((s) => [wAttr(s, 'styleId'), s]));
    for (const id of ['Normal', 'Title', 'Heading1', 'Heading2', 'Heading3', 'ListBullet', 'ListNumber', 'TableGrid', 'Hyperlink', 'TOC1', 'TOC2', 'TOC3']) expect(byId.has(id), id).toBe(true);
    expect(wAttr(byId.get('Normal')!, 'default')).toBe('1');
    expect(wAttr(all(byId.get('Heading1')!, 'sz')[0]!, 'val')).toBe(String(built.layout.sizes.heading1 * 2));
    expect(wAttr(all(byId.get('Title')!, 'sz')[0]!, 'val')).toBe(String(built.layout.sizes.title * 2));
    const defaults = all(styles, 'rPrDefault')[0]!;
    expect(wAttr(all(defaults, 'rFonts')[0]!, 'ascii')).toBe(built.layout.fonts.family);
    expect(wAttr(all(defaults, 'sz')[0]!, 'val')).toBe(String(built.layout.sizes.body * 2));
    expect(wAttr(all(defaults, 'lang')[0]!, 'val')).toBe(built.layout.language);
    // The shared table settings: the cell padding at the sides, half of it above and below; the rule width in eighths of a point.
    const grid = byId.get('TableGrid')!;
    const margin = (side: string) => Number(wAttr(all(all(grid, 'tblCellMar')[0]!, side)[0]!, 'w'));
    expect(margin('left')).toBe(built.layout.tables.cellPadding * 20);
    expect(margin('top')).toBe(built.layout.tables.cellPadding * 10);
    expect(wAttr(all(all(grid, 'tblBorders')[0]!, 'top')[0]!, 'sz')).toBe(String(built.layout.tables.border * 8));
  });

  it('lists the plan’s contents lines, each linked to its bookmark with a PAGEREF field whose cached result is the PDF’s page', () => {
    const lines = paragraphs().filter((p) => /^TOC[12]$/.test(styleOf(p) ?? ''));
    expect(lines.map(textOf)).toEqual(
      built.plan.contents.map((line) => `${line.title}${line.note ? ` (${line.note})` : ''}${line.anchor ? built.pages[line.anchor] : ''}`),
    );
    const numbered = built.plan.contents.filter((line) => line.anchor);
    expect(numbered.length).toBeGreaterThan(10);
    for (const line of numbered) {
      const paragraph = lines.find((p) => all(p, 'hyperlink').some((h) => wAttr(h, 'anchor') === bookmarkName(line.anchor!)))!;
      expect(paragraph, line.title).toBeDefined();
      const instruction = all(paragraph, 'instrText').map((i) => i.textContent!.trim());
      expect(instruction).toEqual([`PAGEREF ${bookmarkName(line.anchor!)} \\h`]);
      // The cached result sits between the field's separate and end characters.
      const runs = all(paragraph, 'r');
      const separate = runs.findIndex((r) => all(r, 'fldChar').some((f) => wAttr(f, 'fldCharType') === 'separate'));
      expect(textOf(runs[separate + 1]!)).toBe(String(built.pages[line.anchor!]));
    }
    // No TOC field: its page numbers would be empty until Word updates it, and LibreOffice never does.
    expect(all(body, 'instrText').map((i) => i.textContent ?? '').filter((i) => /^\s*TOC\s/.test(i))).toEqual([]);
    const fieldChars = all(body, 'fldChar').map((f) => wAttr(f, 'fldCharType'));
    expect(fieldChars.filter((t) => t === 'begin').length).toBe(fieldChars.filter((t) => t === 'end').length);
  });

  it('has a running header and footers with PAGE / NUMPAGES fields on every section but the cover', async () => {
    const rels = await docx.xml('word/_rels/document.xml.rels');
    const targets = new Map(Array.from(rels.getElementsByTagName('Relationship')).map((r) => [r.getAttribute('Id'), r.getAttribute('Target')]));
    const sections = all(body, 'sectPr');
    expect(sections.length).toBe(2 + built.plan.agendas.length + built.plan.parts.filter((p) => p.divider).length + documents().length);
    expect(all(sections[0]!, 'headerReference')).toHaveLength(0);
    expect(all(sections[0]!, 'footerReference')).toHaveLength(0);
    // Each section's header: the short title, then the plan's running title of that section.
    const planned = built.plan.sections.slice(1);
    for (const [i, section] of sections.slice(1).entries()) {
      const header = targets.get(all(section, 'headerReference')[0]!.getAttributeNS(R, 'id'));
      const footer = targets.get(all(section, 'footerReference')[0]!.getAttributeNS(R, 'id'));
      expect(textOf((await docx.xml(`word/${header}`)).documentElement!), `section ${i + 2}`).toBe(`${built.plan.shortTitle}${planned[i]!.running}`);
      expect(footer).toMatch(/^footer\d+\.xml$/);
    }
    const footer = await docx.xml('word/footer1.xml');
    expect(all(footer, 'instrText').map((i) => i.textContent!.trim())).toEqual(['PAGE', 'NUMPAGES']);
    expect(textOf(footer.documentElement!)).toBe(`${built.plan.edition.footer}Page 1 of 1`);
    const types = await docx.zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain('PartName="/word/header1.xml"');
    expect(types).toContain('PartName="/word/footer1.xml"');
  });

  it('links every agenda paper and contents entry to a bookmark that exists, with unique bookmark ids', () => {
    const starts = all(body, 'bookmarkStart');
    const names = new Set(starts.map((b) => wAttr(b, 'name')));
    const ids = starts.map((b) => wAttr(b, 'id'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(all(body, 'bookmarkEnd')).toHaveLength(starts.length);
    const anchors = all(body, 'hyperlink').map((h) => wAttr(h, 'anchor')).filter((a): a is string => !!a);
    expect(anchors.length).toBeGreaterThan(documents().length);
    for (const anchor of anchors) expect(names.has(anchor), anchor).toBe(true);
    for (const name of names) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);

    // In the agenda tables, each printed paper is a link to the bookmark at its title.
    const agendaLinks = all(body, 'tbl')
      .filter((t) => textOf(t).includes('Background papers:'))
      .flatMap((t) => all(t, 'hyperlink'))
      .map((h) => [textOf(h), wAttr(h, 'anchor')] as const);
    const linked = built.plan.agendas.flatMap((a) => agendaItems(a).flatMap((i) => i.papers)).filter((p) => p.anchor);
    // Each paper twice: its title, then its `p. N`, both to its bookmark.
    expect(agendaLinks.map(([text]) => text)).toEqual(linked.flatMap((p) => [p.title, `p. ${built.pages[p.anchor!]}`]));
    const titleOf = new Map(paragraphs().filter((p) => styleOf(p) === 'Heading1').flatMap((p) => all(p, 'bookmarkStart').map((b) => [wAttr(b, 'name'), textOf(p)] as const)));
    for (const [text, anchor] of agendaLinks.filter(([text]) => !text!.startsWith('p. '))) expect(titleOf.get(anchor!)!.startsWith(text!), text).toBe(true);
  });

  it('draws tables with a repeating header row, the plan’s column widths and group rows', () => {
    const tables = all(body, 'tbl');
    const withHeader = tables.filter((t) => all(all(t, 'tr')[0]!, 'tblHeader').length === 1);
    const packTables = documents().flatMap((d) => d.body.children.filter((n) => n.type === 'packTable'));
    expect(withHeader).toHaveLength(packTables.length);
    const peer = withHeader.find((t) => textOf(all(t, 'tr')[0]!).includes('Description'))!;
    const widths = all(peer, 'gridCol').map((g) => Number(wAttr(g, 'w')));
    expect(new Set(widths).size).toBeGreaterThan(2);
    expect(Math.max(...widths)).toBeGreaterThan(2 * Math.min(...widths));
    const textWidth = widths.reduce((a, b) => a + b, 0);
    for (const table of withHeader) expect(all(table, 'gridCol').reduce((a, g) => a + Number(wAttr(g, 'w')), 0)).toBe(textWidth);
    const groupRows = all(peer, 'tr').filter((tr) => all(tr, 'gridSpan').some((g) => Number(wAttr(g, 'val')) === widths.length));
    expect(groupRows.map(textOf)).toEqual(['Bilateral/ Regional', 'Working Groups']);
    // The papers' tables are ruled (an agenda's, as in the PDF, is not).
    expect(withHeader.every((t) => wAttr(all(t, 'tblStyle')[0]!, 'val') === 'TableGrid')).toBe(true);
    // The layout's table rule width (points) in Word's eighths of a point, on every ruled table.
    const sizes = new Set(withHeader.flatMap((t) => all(all(t, 'tblBorders')[0]!, 'top').map((b) => wAttr(b, 'sz'))));
    expect([...sizes]).toEqual([String(built.layout.tables.border * 8)]);
  });

  it('numbers ordered lists with real numbering, one per list, and keeps later paragraphs of an item unnumbered', async () => {
    const concept = paragraphs();
    const start = concept.findIndex((p) => styleOf(p) === 'Heading2' && textOf(p) === 'Annex 2: How to address concerns about OGP working at the subnational level');
    const annex2 = concept.slice(start + 1, start + 7);
    expect(annex2.map(styleOf)).toEqual(['ListNumber', 'ListContinue', 'ListNumber', 'ListContinue', 'ListNumber', 'ListContinue']);
    const numIds = annex2.filter((p) => styleOf(p) === 'ListNumber').map((p) => wAttr(all(p, 'numId')[0]!, 'val'));
    expect(new Set(numIds).size).toBe(1);
    // Every ordered list of the concept note restarts at 1 with its own numbering instance.
    const numbering = await docx.xml('word/numbering.xml');
    const num = all(numbering, 'num').find((n) => wAttr(n, 'numId') === numIds[0])!;
    expect(wAttr(all(num, 'startOverride')[0]!, 'val')).toBe('1');
    const abstract = all(numbering, 'abstractNum').find((a) => wAttr(a, 'abstractNumId') === wAttr(all(num, 'abstractNumId')[0]!, 'val'))!;
    expect(wAttr(all(abstract, 'numFmt')[0]!, 'val')).toBe('decimal');
    const bullets = paragraphs().filter((p) => styleOf(p) === 'ListBullet');
    expect(bullets.length).toBeGreaterThan(5);
    expect(bullets.every((p) => all(p, 'numId').length === 1)).toBe(true);
    // List Bullet itself carries the bullet numbering, so applying the style in Word makes a bullet.
    const styles = await docx.xml('word/styles.xml');
    const listBullet = all(styles, 'style').find((st) => wAttr(st, 'styleId') === 'ListBullet')!;
    const styleNumId = wAttr(all(listBullet, 'numId')[0]!, 'val');
    expect(bullets.filter((p) => wAttr(all(p, 'ilvl')[0]!, 'val') === '0').every((p) => wAttr(all(p, 'numId')[0]!, 'val') === styleNumId)).toBe(true);
    const bulletNum = all(numbering, 'num').find((n) => wAttr(n, 'numId') === styleNumId)!;
    const bulletAbstract = all(numbering, 'abstractNum').find((a) => wAttr(a, 'abstractNumId') === wAttr(all(bulletNum, 'abstractNumId')[0]!, 'val'))!;
    expect(all(bulletAbstract, 'lvlText').slice(0, 3).map((t) => wAttr(t, 'val'))).toEqual(built.layout.lists.bullets);
  });

  it('sets title, subject and language from the plan, dated by the plan, and nothing from the build machine', async () => {
    const core = await docx.zip.file('docProps/core.xml')!.async('string');
    const properties = packProperties(built.plan);
    expect(core).toContain(`<dc:title>${properties.title}</dc:title>`);
    expect(core).toContain(`<dc:subject>${properties.subject}</dc:subject>`);
    expect(core).toContain(`<dc:creator>${properties.author}</dc:creator>`);
    expect(core).toContain(`<dc:language>${built.plan.language}</dc:language>`);
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2015-10-26T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2015-10-26T00:00:00Z</dcterms:modified>');
    const everything = (await Promise.all(Object.values(docx.zip.files).filter((f) => !f.dir).map((f) => f.async('string')))).join('\n');
    for (const private_ of [userInfo().username, homedir(), process.cwd()]) expect(everything).not.toContain(private_);
    expect(everything).not.toContain('Un-named');
  });
});

describe('the DOCX package', () => {
  it('has only well-formed XML parts, each with a content type', async () => {
    const types = await docx.zip.file('[Content_Types].xml')!.async('string');
    const parts = Object.values(docx.zip.files).filter((f) => !f.dir);
    for (const part of parts) {
      const problems: string[] = [];
      // Embedded fonts (`.odttf`) and images are binary; every other part is XML.
      if (/\.(xml|rels)$/.test(part.name)) new DOMParser({ onError: (level, message) => void problems.push(`${level}: ${message}`) }).parseFromString(await part.async('string'), 'application/xml');
      expect(problems, part.name).toEqual([]);
      const extension = part.name.split('.').pop()!;
      expect(types.includes(`PartName="/${part.name}"`) || types.includes(`Extension="${extension}"`), part.name).toBe(true);
    }
  });
});

describe('reproducible DOCX', () => {
  it('gives byte-identical files for the same sources', async () => {
    const again = await renderDefaultDocx();
    expect(Buffer.from(again.bytes).equals(Buffer.from(built.bytes))).toBe(true);
  }, 60_000);

  it('has fixed zip timestamps, a fixed entry order and no random relationship ids', async () => {
    const entries = Object.values(docx.zip.files);
    expect(entries.map((e) => e.name).slice(0, 2)).toEqual(['[Content_Types].xml', '_rels/.rels']);
    const rest = entries.slice(2).map((e) => e.name);
    expect(rest).toEqual([...rest].sort());
    expect(new Set(entries.map((e) => e.date.toISOString()))).toEqual(new Set(['2015-10-26T00:00:00.000Z']));
    const rels = await docx.zip.file('word/_rels/document.xml.rels')!.async('string');
    const ids = [...rels.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.filter((id) => !/^rId(\d+|Link\d+|Pack(Header|Footer)\d+)$/.test(id))).toEqual([]);
    expect(ids.some((id) => id.startsWith('rIdLink'))).toBe(true);
  });
});

describe('list start and images', () => {
  it('starts an ordered list at its first number and shows images from the plan', async () => {
    /** A 4×3 red PNG. */
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGP4z8AARww4OQD1MQv1NXv7ggAAAABJRU5ErkJggg==', 'base64');
    const { bytes } = await renderDefaultDocx({
      'papers/joint-declaration.md': (text) => `${text}\n\nA continued list:\n\n7. seventh point\n8. eighth point\n\n![A red square](red.png)\n`,
      'papers/red.png': png,
    });
    const opened = await openDocx(bytes);
    const doc = await opened.xml('word/document.xml');
    const seventh = all(doc, 'p').find((p) => textOf(p) === 'seventh point')!;
    expect(styleOf(seventh)).toBe('ListNumber');
    const numId = wAttr(all(seventh, 'numId')[0]!, 'val');
    const numbering = await opened.xml('word/numbering.xml');
    const num = all(numbering, 'num').find((n) => wAttr(n, 'numId') === numId)!;
    expect(wAttr(all(num, 'startOverride')[0]!, 'val')).toBe('7');
    // The other lists keep starting at 1.
    expect(all(numbering, 'startOverride').filter((s) => wAttr(s, 'val') !== '1')).toHaveLength(1);

    const media = Object.keys(opened.zip.files).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const drawings = doc.getElementsByTagNameNS('http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing', 'docPr');
    expect(Array.from(drawings).map((d) => d.getAttribute('descr'))).toEqual(['A red square']);
    // At the layout's image resolution, as in the PDF: 4 pixels wide at `images.resolution` per inch, in EMU (12700 per point).
    const extent = doc.getElementsByTagNameNS('http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing', 'extent')[0]!;
    expect(Number(extent.getAttribute('cx'))).toBeCloseTo(((4 * 72) / built.layout.images.resolution) * 12700, -4);
  }, 60_000);
});

describe('document markings', () => {
  it('puts a document’s own marking in a banner in the header of its section, and the edition’s line in every footer', async () => {
    const marking = 'RESTRICTED — Steering Committee members only';
    const { plan, bytes } = await renderDefaultDocx({}, (p) => {
      p.sections.find((section) => section.anchor === p.parts[0]!.documents[1]!.anchor)!.banner = marking;
    });
    const opened = await openDocx(bytes);
    const doc = await opened.xml('word/document.xml');
    const rels = await opened.xml('word/_rels/document.xml.rels');
    const targets = new Map(Array.from(rels.getElementsByTagName('Relationship')).map((r) => [r.getAttribute('Id'), r.getAttribute('Target')]));
    const sections = all(doc, 'sectPr').slice(1);
    const headers = sections.map((s) => targets.get(all(s, 'headerReference')[0]!.getAttributeNS(R, 'id')));
    const footers = sections.map((s) => targets.get(all(s, 'footerReference')[0]!.getAttributeNS(R, 'id')));
    // Sections: contents, the agendas, then the papers part's documents.
    const restricted = 1 + plan.agendas.length + 1;
    expect(new Set(footers)).toEqual(new Set(['footer1.xml']));
    expect(textOf((await opened.xml('word/footer1.xml')).documentElement!)).toContain(plan.edition.footer);
    expect(headers.filter((h) => h === headers[restricted]).length).toBe(1);
    const banner = await opened.xml(`word/${headers[restricted]}`);
    expect(all(banner, 'p').map((p) => [styleOf(p), textOf(p)])).toEqual([
      ['Banner', marking],
      ['Header', `${plan.shortTitle}${plan.sections[restricted + 1]!.running}`],
    ]);
    for (const header of new Set(headers.filter((h) => h !== headers[restricted]))) expect(all((await opened.xml(`word/${header}`)).documentElement!, 'p').map(styleOf)).toEqual(['Header']);
  }, 60_000);
});

describe('ogp-pack build with the DOCX format', () => {
  it('writes <pack>-public.docx, the same bytes for SOURCE_DATE_EPOCH as for the meeting’s first day, listed in the manifest without pages', async () => {
    const docxFormat = FORMATS.filter((f) => f.name === 'docx');
    expect(docxFormat).toHaveLength(1);
    const { outputs, manifests } = await buildPack(contentTree(), { formats: docxFormat, editions: ['public'] }, { SOURCE_DATE_EPOCH: String(Date.UTC(2015, 9, 26) / 1000) });
    const manifest = manifests?.[0];
    expect(outputs!.map((o) => o.name)).toEqual(['public/ogp-sc-2015-10-mexico-city-public.docx', 'public/manifest.json']);
    expect(manifest!.outputs[0]).toMatchObject({ path: 'ogp-sc-2015-10-mexico-city-public.docx', format: 'docx', bytes: outputs![0]!.bytes.byteLength });
    expect(manifest!.outputs[0]!.pages).toBeUndefined();
    expect(Buffer.from(outputs![0]!.bytes).equals(Buffer.from(built.bytes))).toBe(true);
    // Another SOURCE_DATE_EPOCH dates the document properties and the zip entries with it.
    const later = await buildPack(contentTree(), { formats: docxFormat, editions: ['public'] }, { SOURCE_DATE_EPOCH: String(Date.UTC(2016, 0, 2, 3, 4, 6) / 1000) });
    const opened = await openDocx(later.outputs![0]!.bytes);
    expect(await opened.zip.file('docProps/core.xml')!.async('string')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2016-01-02T03:04:06Z</dcterms:created>');
    expect(new Set(Object.values(opened.zip.files).map((e) => e.date.toISOString()))).toEqual(new Set(['2016-01-02T03:04:06.000Z']));
  }, 60_000);
});
