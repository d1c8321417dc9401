/**
 * The OOXML finishing step: what remark-docx 0.3.29 cannot pass to the `docx` package (its
 * options reach neither headers, footers, fonts, settings nor table styles), added to the package
 * it writes, and everything that would differ between two builds made the same. Every part is
 * edited as a parsed XML document (@xmldom/xmldom); nothing edits XML as text.
 *
 * - the running header (the short title, and the section's running title at the right) and footer (the edition
 *   line, "Page X of Y" as PAGE / NUMPAGES fields) on every section but the cover's, a banner
 *   above the running header of a section whose document has a marking, and a watermark in the
 *   header of every section;
 * - the pack's four font faces embedded (obfuscated as ECMA-376 §17.8.1 says) and named in
 *   the font table, so every reader lays the pack out in its own font;
 * - the Table Grid table style, Normal as the default paragraph style, the template's bullets,
 *   and a numbering instance of its own for each ordered list, with its start (see `LIST_START`);
 * - document properties from the plan (title, subject, keywords, language, the plan's date), nothing from
 *   the build machine;
 * - the page numbers (the PAGEREF fields' cached results), which may be known only after the
 *   rest is finished: they are the pages of the PDF of the same plan, rendered meanwhile;
 * - bookmark and drawing ids numbered in document order (the `docx` package gives every one id 1)
 *   and hyperlink relationship ids numbered in order (it draws them from nanoid);
 * - the zip with fixed timestamps and a fixed entry order.
 */
import { createHash } from 'node:crypto';
import { crc32, inflateRawSync } from 'node:zlib';
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import JSZip from 'jszip';
import type { Pages, RenderOptions } from '../../build/formats.js';
import type { FontFace, FontFiles } from '../../plan/template.js';
import { cacheTable, isIndex } from '../../cache/store.js';
import { bookmarkName } from './bookmarks.js';
import { deflate, writeZip, type Deflated } from './zip.js';

/** What a section's header and footer carry. */
export interface SectionFurniture {
  /** The running header and the footer: every section but the cover's. */
  running: boolean;
  /** A banner above the running header, e.g. a withheld paper's marking. */
  banner?: string;
  /** The section's running title, at the right of its running header after the short title, e.g. the paper it holds. */
  title?: string;
}

/** A watermark across every page, drawn as Word draws its own text watermark. */
export interface DocxWatermark {
  text: string;
  font: string;
  /** `RRGGBB`. */
  colour: string;
  /** The box Word fits the text to, in points, before rotation. */
  width: number;
  height: number;
  /** Clockwise rotation in degrees, as VML measures it. */
  rotation: number;
}

export interface FinishOptions {
  /** What each section's header and footer carry, in document order. */
  sections: readonly SectionFurniture[];
  /** The pack's short title, at the left of every running header. */
  header: string;
  /** The footer's edition line. */
  footer: string;
  /** The edition line's colour, `RRGGBB`: the restricted colour, as in the PDF. */
  footerColour: string;
  /** Drawn on every page, the cover's included. */
  watermark?: DocxWatermark;
  /** The footer's page label, with `\0PAGE\0` and `\0NUMPAGES\0` where the fields go. */
  page: string;
  /** The font family the styles name, and its four faces, embedded in the package. */
  font?: { family: string; files: FontFiles };
  date: Date;
  language: string;
  title: string;
  subject: string;
  keywords: string;
  /** The organisation, as author: never the build machine's user. */
  creator: string;
  /** Table style XML (`<w:style w:type="table">`) to add to styles.xml. */
  tableStyle: string;
  /** Bullet characters by list level, cycling. */
  bullets: readonly string[];
  /** The page of every link target in the PDF of the same plan, for the PAGEREF fields; asked for last. */
  pages: NonNullable<RenderOptions['pages']>;
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PR = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'http://schemas.openxmlformats.org/package/2006/content-types';
const WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
const WML = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
/** The earliest time a zip entry can carry (DOS dates start in 1980). */
const ZIP_EPOCH = Date.UTC(1980, 0, 1, 0, 0, 0);

/**
 * The name prefix of a hidden bookmark that marks the first paragraph of an ordered list, with
 * the number it starts at, e.g. `_ListStart3`. remark-docx's numbering options cannot say where a
 * list starts, and one numbering instance per list would cost the `docx` packer a pass over the
 * whole document per list; so every ordered list shares one instance, and the finishing step
 * gives each marked list its own, starting at its number, and removes the mark.
 */
export const LIST_START = '_ListStart';

export async function finishDocx(bytes: Uint8Array, options: FinishOptions): Promise<Uint8Array> {
  const pkg = await Package.load(bytes);

  renumberRelationships(pkg);

  // One header part per distinct header, numbered in order of first use; one footer part.
  // A section without a header of its own would show the previous section's, so the cover, the first section, is the only one without.
  const headerKey = (s: SectionFurniture) => (s.running || s.banner || options.watermark ? JSON.stringify([s.running, s.banner ?? '', s.running ? (s.title ?? '') : '']) : undefined);
  const headerIds = new Map<string, string>();
  for (const furniture of options.sections) {
    const key = headerKey(furniture);
    if (key === undefined || headerIds.has(key)) continue;
    const n = headerIds.size + 1;
    headerIds.set(key, pkg.addPart(`word/header${n}.xml`, headerXml(furniture, options.header, options.watermark, n), 'header', `rIdPackHeader${n}`));
  }
  const footerId = options.sections.some((s) => s.running) ? pkg.addPart('word/footer1.xml', footerXml(options.footer, options.footerColour, options.page), 'footer', 'rIdPackFooter1') : undefined;

  const document = pkg.xml('word/document.xml');
  const sections = elements(document, W, 'sectPr');
  if (sections.length !== options.sections.length) throw new Error(`the DOCX has ${sections.length} sections, the pack ${options.sections.length}`);
  sections.forEach((sectPr, i) => {
    const furniture = options.sections[i]!;
    const key = headerKey(furniture);
    // References come first in a section's properties: headers, then footers.
    if (footerId && furniture.running) sectPr.insertBefore(reference(document, 'footer', footerId), sectPr.firstChild);
    if (key !== undefined) sectPr.insertBefore(reference(document, 'header', headerIds.get(key)!), sectPr.firstChild);
  });
  listInstances([document, ...(pkg.names().includes('word/footnotes.xml') ? [pkg.xml('word/footnotes.xml')] : [])], pkg.xml('word/numbering.xml'));
  renumberBookmarks(document);
  renumberDrawings(document);
  bulletGlyphs(pkg.xml('word/numbering.xml'), options.bullets);


  const styles = pkg.xml('word/styles.xml');
  const stylesRoot = styles.documentElement!;
  // Normal is the default paragraph style: text without a style of its own takes it.
  const normal = children(stylesRoot, 'style').find((s) => s.getAttributeNS(W, 'styleId') === 'Normal' && s.getAttributeNS(W, 'type') === 'paragraph');
  normal?.setAttributeNS(W, 'w:default', '1');
  const hasTableNormal = children(stylesRoot, 'style').some((s) => s.getAttributeNS(W, 'styleId') === 'TableNormal');
  for (const style of fragment(`${hasTableNormal ? '' : TABLE_NORMAL}${options.tableStyle}`)) stylesRoot.appendChild(styles.importNode(style, true));

  if (options.font) embedFonts(pkg, options.font.family, options.font.files);

  pkg.setXml('docProps/core.xml', coreXml(options));
  pkg.setXml('docProps/app.xml', APP_XML);

  pageReferences(document, typeof options.pages === 'function' ? await options.pages() : options.pages);
  return pkg.zip(options.date);
}

/** The parts of an OOXML package: XML parts parsed when first asked for, written back when zipped. */
class Package {
  private readonly parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`the DOCX has malformed XML: ${message}`);
    },
  });
  private readonly documents = new Map<string, Document>();
  /** Parts given already deflated. */
  private readonly deflated = new Map<string, Deflated>();

  private constructor(private readonly binary: Map<string, Uint8Array>) {}

  static async load(bytes: Uint8Array): Promise<Package> {
    const zip = await JSZip.loadAsync(bytes);
    const parts = new Map<string, Uint8Array>();
    for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) parts.set(name, await entry.async('uint8array'));
    return new Package(parts);
  }

  names(): string[] {
    return [...new Set([...this.binary.keys(), ...this.documents.keys(), ...this.deflated.keys()])];
  }

  xml(name: string): Document {
    let document = this.documents.get(name);
    if (!document) {
      const bytes = this.binary.get(name);
      if (!bytes) throw new Error(`the DOCX has no ${name}`);
      document = this.setXml(name, new TextDecoder().decode(bytes));
    }
    return document;
  }

  setXml(name: string, xml: string): Document {
    const document = this.parser.parseFromString(xml, 'text/xml');
    this.binary.delete(name);
    this.documents.set(name, document);
    return document;
  }

  setDeflated(name: string, content: Deflated): void {
    this.documents.delete(name);
    this.binary.delete(name);
    this.deflated.set(name, content);
  }

  /** Adds a part its owner (`word/document.xml` unless said) refers to by `id`, with its content type. */
  addPart(name: string, xml: string, kind: 'header' | 'footer', id: string): string {
    this.setXml(name, xml);
    this.relate('word/_rels/document.xml.rels', id, kind, name.slice('word/'.length));
    const types = this.xml('[Content_Types].xml');
    types.documentElement!.appendChild(element(types, CT, 'Override', { ContentType: `${WML}.${kind}+xml`, PartName: `/${name}` }));
    return id;
  }

  relate(relsName: string, id: string, type: string, target: string): void {
    if (!this.binary.has(relsName) && !this.documents.has(relsName)) this.setXml(relsName, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PR}"/>`);
    const rels = this.xml(relsName);
    rels.documentElement!.appendChild(element(rels, PR, 'Relationship', { Id: id, Type: `${R}/${type}`, Target: target }));
  }

  /** The package as a zip: `[Content_Types].xml` and the package relationships first, then every part by name, all with one timestamp. */
  async zip(date: Date): Promise<Uint8Array> {
    const first = ['[Content_Types].xml', '_rels/.rels'];
    const names = this.names();
    const ordered = [...first.filter((n) => names.includes(n)), ...names.filter((n) => !first.includes(n)).sort()];
    // DOS times from the UTC fields, so this is the same instant on every machine.
    const stamp = new Date(Math.max(date.getTime(), ZIP_EPOCH));
    const serializer = new XMLSerializer();
    const encoder = new TextEncoder();
    const content = (name: string): Deflated => {
      const document = this.documents.get(name);
      return this.deflated.get(name) ?? deflate(document ? encoder.encode(serializer.serializeToString(document)) : this.binary.get(name)!);
    };
    return writeZip(ordered.map((name) => ({ name, content: content(name) })), stamp);
  }
}

/**
 * The elements under `root` in namespace `ns` named `local` (or any of `local`), in document
 * order: a walk along the sibling links, which for a large part costs a fraction of xmldom's
 * live `getElementsByTagNameNS` list.
 */
function elements(root: Document | Element, ns: string, local: string | readonly string[]): Element[] {
  const found: Element[] = [];
  const names = new Set(typeof local === 'string' ? [local] : local);
  const visit = (parent: Document | Element) => {
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType !== 1) continue;
      const element = node as Element;
      if (element.namespaceURI === ns && names.has(element.localName!)) found.push(element);
      if (element.firstChild) visit(element);
    }
  };
  visit(root);
  return found;
}

/** The element children of `parent` named `w:local`. */
function children(parent: Element, local: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) if (isW(node, local)) found.push(node as Element);
  return found;
}

function child(parent: Element, local: string): Element | null {
  for (let node = parent.firstChild; node; node = node.nextSibling) if (isW(node, local)) return node as Element;
  return null;
}

const isW = (node: Node, local: string) => node.nodeType === 1 && (node as Element).namespaceURI === W && (node as Element).localName === local;

/** An unprefixed element in namespace `ns` (a package part's default namespace), with unprefixed attributes. */
function element(document: Document, ns: string, name: string, attributes: Record<string, string> = {}): Element {
  const node = document.createElementNS(ns, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

/** A `w:` element with `w:` attributes. */
function wElement(document: Document, local: string, attributes: Record<string, string> = {}): Element {
  const node = document.createElementNS(W, `w:${local}`);
  for (const [key, value] of Object.entries(attributes)) node.setAttributeNS(W, `w:${key}`, value);
  return node;
}

function reference(document: Document, kind: 'header' | 'footer', id: string): Element {
  const node = wElement(document, `${kind}Reference`, { type: 'default' });
  node.setAttributeNS(R, 'r:id', id);
  return node;
}

/** The top-level elements of an XML fragment in the `w:` namespace. */
function fragment(xml: string): Element[] {
  const document = new DOMParser().parseFromString(`<w:root xmlns:w="${W}">${xml}</w:root>`, 'text/xml');
  return Array.from(document.documentElement!.childNodes).filter((n): n is Element => n.nodeType === 1);
}

/** Hyperlink relationships get `rIdLink1`, `rIdLink2`, … in each part's order instead of random ids; `rId<number>` ids are already fixed. */
function renumberRelationships(pkg: Package) {
  for (const relsName of pkg.names()) {
    if (!relsName.endsWith('.rels') || !relsName.includes('_rels/')) continue;
    const partName = relsName.replace('_rels/', '').slice(0, -'.rels'.length);
    const renamed = new Map<string, string>();
    for (const relationship of elements(pkg.xml(relsName), PR, 'Relationship')) {
      const id = relationship.getAttribute('Id') ?? '';
      if (!id.startsWith('rId') || /^\d+$/.test(id.slice(3))) continue;
      const next = `rIdLink${renamed.size + 1}`;
      renamed.set(id, next);
      relationship.setAttribute('Id', next);
    }
    if (renamed.size === 0 || !pkg.names().includes(partName)) continue;
    // Only hyperlinks refer to them (images and parts have numbered ids).
    for (const link of elements(pkg.xml(partName), W, 'hyperlink')) {
      const id = link.getAttributeNS(R, 'id');
      if (id && renamed.has(id)) link.setAttributeNS(R, 'r:id', renamed.get(id)!);
    }
  }
}

/** Gives each bookmark its own id, in document order; a bookmark's end takes the id of the innermost open start. */
export function renumberBookmarks(document: Document): void {
  let next = 0;
  const open: number[] = [];
  for (const node of elements(document, W, ['bookmarkStart', 'bookmarkEnd'])) {
    if (node.localName === 'bookmarkStart') {
      open.push(++next);
      node.setAttributeNS(W, 'w:id', String(next));
    } else if (node.localName === 'bookmarkEnd') node.setAttributeNS(W, 'w:id', String(open.pop() ?? 0));
  }
}

/**
 * Gives each PAGEREF field its cached result, as Word's field update would: the page of its
 * bookmark's target in `pages`. A field to a target without a page is a bug in the plan.
 */
export function pageReferences(document: Document, pages: Pages): void {
  const byBookmark = new Map(Object.entries(pages).map(([anchor, page]) => [bookmarkName(anchor), page]));
  /** The bookmark of the PAGEREF field being read, and whether its result is next. */
  let target: string | undefined;
  let result = false;
  for (const node of elements(document, W, ['instrText', 'fldChar', 't'])) {
    if (node.localName === 'instrText') {
      const [kind, bookmark] = (node.textContent ?? '').trim().split(/\s+/);
      if (kind === 'PAGEREF') target = bookmark;
    } else if (node.localName === 'fldChar') {
      const type = node.getAttributeNS(W, 'fldCharType');
      result = type === 'separate' && target !== undefined;
      if (type === 'end') target = undefined;
    } else if (result) {
      const page = byBookmark.get(target!);
      if (page === undefined) throw new Error(`the PDF's pagination has no page for bookmark "${target}"`);
      node.textContent = String(page);
      result = false;
    }
  }
}

/** Gives each drawing its own `wp:docPr` id in document order (the `docx` package gives each id 1). */
export function renumberDrawings(document: Document): void {
  elements(document, WP, 'docPr').forEach((docPr, i) => docPr.setAttribute('id', String(i + 1)));
}

/** remark-docx's bullets (● ○ ■) replaced by the template's, level by level; task-list boxes stay. */
export function bulletGlyphs(numbering: Document, bullets: readonly string[]): void {
  for (const level of elements(numbering, W, 'lvl')) {
    const format = child(level, 'numFmt')?.getAttributeNS(W, 'val');
    const text = child(level, 'lvlText');
    if (format !== 'bullet' || !text || !['●', '○', '■'].includes(text.getAttributeNS(W, 'val') ?? '')) continue;
    text.setAttributeNS(W, 'w:val', bullets[Number(level.getAttributeNS(W, 'ilvl')) % bullets.length]!);
  }
}

/**
 * Gives each ordered list its own numbering instance, starting at its mark's number. Every
 * ordered list's paragraphs refer to one shared instance; a `LIST_START` mark on a list's first
 * paragraph starts a new instance of the same definition, and the paragraphs that follow with
 * the shared instance take the new one, until the next mark. The marks go.
 */
export function listInstances(parts: readonly Document[], numbering: Document): void {
  const nums = elements(numbering, W, 'num');
  let next = Math.max(0, ...nums.map((n) => Number(n.getAttributeNS(W, 'numId')))) + 1;
  const current = new Map<string, string>();
  for (const part of parts) {
    for (const paragraph of elements(part, W, 'p')) {
      const pPr = child(paragraph, 'pPr');
      const numPr = pPr && child(pPr, 'numPr');
      const numId = numPr && child(numPr, 'numId');
      const shared = numId?.getAttributeNS(W, 'val') ?? '';
      const mark = children(paragraph, 'bookmarkStart').find((b) => (b.getAttributeNS(W, 'name') ?? '').startsWith(LIST_START));
      if (mark) {
        const start = mark.getAttributeNS(W, 'name')!.slice(LIST_START.length);
        const template = nums.find((n) => n.getAttributeNS(W, 'numId') === shared);
        const abstract = template && child(template, 'abstractNumId');
        if (!numId || !abstract) throw new Error(`the list marked to start at ${start} has no numbering`);
        const id = String(next++);
        const num = wElement(numbering, 'num', { numId: id });
        num.appendChild(wElement(numbering, 'abstractNumId', { val: abstract.getAttributeNS(W, 'val')! }));
        num.appendChild(wElement(numbering, 'lvlOverride', { ilvl: '0' })).appendChild(wElement(numbering, 'startOverride', { val: start }));
        numbering.documentElement!.appendChild(num);
        current.set(shared, id);
        const end = mark.nextSibling as Element | null;
        if (end?.namespaceURI === W && end.localName === 'bookmarkEnd') paragraph.removeChild(end);
        paragraph.removeChild(mark);
      }
      if (numId && current.has(shared)) numId.setAttributeNS(W, 'w:val', current.get(shared)!);
    }
  }
}

/** Relationship ids of the embedded faces, and the font table's element for each. */
const FACES: readonly [FontFace, string][] = [
  ['regular', 'embedRegular'],
  ['bold', 'embedBold'],
  ['italic', 'embedItalic'],
  ['boldItalic', 'embedBoldItalic'],
];

/**
 * Embeds the four faces of `family` as obfuscated fonts (`word/fonts/*.odttf`) named in the font
 * table, and asks Word to keep them when it saves. Each face's key is derived from its bytes, so
 * the same fonts give the same package.
 */
function embedFonts(pkg: Package, family: string, files: FontFiles): void {
  const table = pkg.xml('word/fontTable.xml');
  const root = table.documentElement!;
  for (const old of children(root, 'font').filter((f) => f.getAttributeNS(W, 'name') === family)) root.removeChild(old);
  const font = root.appendChild(wElement(table, 'font', { name: family }));
  font.appendChild(wElement(table, 'family', { val: 'swiss' }));
  font.appendChild(wElement(table, 'pitch', { val: 'variable' }));
  FACES.forEach(([face, embed], i) => {
    const key = fontKey(files[face]);
    const id = `rIdFont${i + 1}`;
    pkg.setDeflated(`word/fonts/font${i + 1}.odttf`, obfuscatedFont(files[face], key));
    pkg.relate('word/_rels/fontTable.xml.rels', id, 'font', `fonts/font${i + 1}.odttf`);
    const node = wElement(table, embed, { fontKey: `{${key}}` });
    node.setAttributeNS(R, 'r:id', id);
    font.appendChild(node);
  });
  const types = pkg.xml('[Content_Types].xml');
  const hasDefault = elements(types, CT, 'Default').some((d) => d.getAttribute('Extension') === 'odttf');
  if (!hasDefault) types.documentElement!.insertBefore(element(types, CT, 'Default', { Extension: 'odttf', ContentType: 'application/vnd.openxmlformats-officedocument.obfuscatedFont' }), types.documentElement!.firstChild);
  // Early in the settings, as the schema orders them: after the view and zoom settings.
  const settings = pkg.xml('word/settings.xml').documentElement!;
  const later = Array.from(settings.childNodes).find((n) => n.nodeType === 1 && !['view', 'zoom', 'removePersonalInformation', 'removeDateAndTime', 'doNotDisplayPageBoundaries', 'displayBackgroundShape', 'printPostScriptOverText', 'printFractionalCharacterWidth', 'printFormsData'].includes((n as Element).localName ?? ''));
  settings.insertBefore(wElement(settings.ownerDocument!, 'embedTrueTypeFonts'), later ?? null);
}

/**
 * Obfuscated and deflated faces by key: a key is a digest of the face's bytes, so a face is
 * compressed once per process (2.5 MB of Noto Sans take about 0.3 s), not once per DOCX, and,
 * with the cache open, once per installation. A process keeps the latest faces only, so a
 * long-running `watch` whose template changes font does not grow.
 */
const fontParts = new Map<string, Deflated>();
const FONT_PARTS_KEPT = 8;

/** A deflated face as the cache keeps it: the deflate stream in base64, its CRC-32 and the face's size. */
type KeptPart = [data: string, crc32: number, size: number];

const DEFLATED_BY = {
  packages: ['pako'],
  code: [import.meta.url, new URL('./zip.js', import.meta.url).href],
  valid: (value: unknown): value is KeptPart => Array.isArray(value) && value.length === 3 && typeof value[0] === 'string' && isIndex(value[1]) && isIndex(value[2]),
};

function obfuscatedFont(data: Uint8Array, key: string): Deflated {
  let part = fontParts.get(key);
  if (!part) {
    const face = obfuscateFont(data, key);
    const kept = cacheTable<KeptPart>('docx-faces', DEFLATED_BY);
    part = kept && keptPart(kept.get(key), face);
    if (!part) {
      part = deflate(face);
      kept?.set(key, [Buffer.from(part.data.buffer, part.data.byteOffset, part.data.byteLength).toString('base64'), part.crc32, part.size]);
    }
    fontParts.set(key, part);
    if (fontParts.size > FONT_PARTS_KEPT) fontParts.delete(fontParts.keys().next().value!);
  }
  return part;
}

/** A kept deflated face, when it inflates to exactly `face` (its CRC-32 and size): a damaged entry is deflated again. */
function keptPart(known: KeptPart | undefined, face: Uint8Array): Deflated | undefined {
  if (!known || known[2] !== face.length || known[1] !== crc32(face)) return undefined;
  const data = Buffer.from(known[0], 'base64');
  try {
    const inflated = inflateRawSync(data);
    return inflated.length === face.length && crc32(inflated) === known[1] ? { data, crc32: known[1], size: known[2] } : undefined;
  } catch {
    return undefined;
  }
}

/** A GUID from the font's bytes, upper case, as the font table writes it. */
export function fontKey(data: Uint8Array): string {
  const hex = createHash('sha256').update(data).digest('hex').slice(0, 32).toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Font obfuscation (ECMA-376 Part 1, §17.8.1): the first 32 bytes of the font XORed with the
 * key's 16 bytes, taken from the GUID's hexadecimal digits read from the last pair to the first.
 * Applying it twice gives the font back.
 */
export function obfuscateFont(data: Uint8Array, key: string): Uint8Array {
  const digits = key.replace(/[^0-9A-Fa-f]/g, '');
  if (digits.length !== 32) throw new Error(`a font key must be a GUID, not ${key}`);
  const bytes = Array.from({ length: 16 }, (_, i) => parseInt(digits.slice(30 - 2 * i, 32 - 2 * i), 16));
  const out = new Uint8Array(data);
  for (let i = 0; i < Math.min(32, out.length); i++) out[i]! ^= bytes[i % 16]!;
  return out;
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const textRun = (value: string) => `<w:r><w:t xml:space="preserve">${escapeXml(value)}</w:t></w:r>`;

/** A field with a cached result, e.g. ` PAGE ` showing `1` until the reader computes it. */
const fieldRuns = (instruction: string) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${instruction} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;

const V = 'urn:schemas-microsoft-com:vml';
const O = 'urn:schemas-microsoft-com:office:office';
const W10 = 'urn:schemas-microsoft-com:office:word';

/** A header: the banner, then the running header; the watermark, anchored to the page, rides in the first paragraph. */
function headerXml(furniture: SectionFurniture, shortTitle: string, watermark: DocxWatermark | undefined, n: number): string {
  const paragraphs: [style: string, runs: string][] = [];
  if (furniture.banner) paragraphs.push(['Banner', textRun(furniture.banner)]);
  if (furniture.running) paragraphs.push(['Header', textRun(shortTitle) + (furniture.title ? `<w:r><w:tab/></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">${escapeXml(furniture.title)}</w:t></w:r>` : '')]);
  if (paragraphs.length === 0) paragraphs.push(['Header', '']);
  if (watermark) paragraphs[0]![1] = watermarkRun(watermark, n) + paragraphs[0]![1];
  const body = paragraphs.map(([style, runs]) => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${runs}</w:p>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="${W}" xmlns:r="${R}" xmlns:v="${V}" xmlns:o="${O}" xmlns:w10="${W10}">${body}</w:hdr>`;
}

/** Word's text watermark shape (WordArt "plain text"), as Word writes it into each header that shows one. */
const TEXT_SHAPE_TYPE =
  '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>' +
  ['sum #0 0 10800', 'prod #0 2 1', 'sum 21600 0 @1', 'sum 0 0 @2', 'sum 21600 0 @3', 'if @0 @3 0', 'if @0 21600 @1', 'if @0 0 @2', 'if @0 @4 21600', 'mid @5 @6', 'mid @8 @5', 'mid @7 @8', 'mid @6 @7', 'sum @6 0 @5'].map((eqn) => `<v:f eqn="${eqn}"/>`).join('') +
  '</v:formulas><v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>';

/** The watermark, centred on the page behind the text; Word recognises it by its `PowerPlusWaterMarkObject` name. */
function watermarkRun(watermark: DocxWatermark, n: number): string {
  const points = (value: number) => `${Number(value.toFixed(2))}`;
  const style = [
    'position:absolute',
    'margin-left:0',
    'margin-top:0',
    `width:${points(watermark.width)}pt`,
    `height:${points(watermark.height)}pt`,
    `rotation:${points(watermark.rotation)}`,
    'z-index:-251654144',
    'mso-position-horizontal:center',
    'mso-position-horizontal-relative:page',
    'mso-position-vertical:center',
    'mso-position-vertical-relative:page',
  ].join(';');
  return (
    `<w:r><w:rPr><w:noProof/></w:rPr><w:pict>${TEXT_SHAPE_TYPE}` +
    `<v:shape id="PowerPlusWaterMarkObject${n}" o:spid="_x0000_s${2048 + n}" type="#_x0000_t136" style="${style}" o:allowincell="f" fillcolor="#${watermark.colour}" stroked="f">` +
    `<v:textpath style="font-family:&quot;${escapeXml(watermark.font)}&quot;;font-weight:bold;font-size:1pt" string="${escapeXml(watermark.text)}"/><w10:wrap anchorx="page" anchory="page"/></v:shape></w:pict></w:r>`
  );
}

function footerXml(edition: string, colour: string, page: string): string {
  const label = page
    .split('\u0000')
    .map((piece, i) => (i % 2 === 1 ? fieldRuns(piece) : piece ? textRun(piece) : ''))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="${W}" xmlns:r="${R}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="${colour}"/></w:rPr><w:t xml:space="preserve">${escapeXml(edition)}</w:t></w:r><w:r><w:tab/></w:r>${label}</w:p></w:ftr>`;
}

function coreXml(o: FinishOptions): string {
  const when = new Date(Math.max(o.date.getTime(), ZIP_EPOCH)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(o.title)}</dc:title><dc:subject>${escapeXml(o.subject)}</dc:subject><cp:keywords>${escapeXml(o.keywords)}</cp:keywords><dc:creator>${escapeXml(o.creator)}</dc:creator><dc:language>${escapeXml(o.language)}</dc:language>` +
    `<cp:lastModifiedBy>${escapeXml(o.creator)}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}

const APP_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>ogp-pack</Application></Properties>';

/** Table Normal, the base of every table style, as Word defines it. */
const TABLE_NORMAL =
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>';
