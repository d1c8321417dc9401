/**
 * DOCX (or any OOXML zip) as the leak gate reads it: every entry name, and every XML part as its
 * text (runs joined within a paragraph, as Word shows them) and its attribute values (bookmark
 * names, hyperlink anchors, relationship targets, drawing descriptions).
 */
import JSZip from 'jszip';
import type { Place } from '../leaks.js';
import { mediaPlaces } from './images.js';
import { decodeEntities, textOf } from './read.js';

export async function readDocx(bytes: Uint8Array): Promise<Place[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).sort();
  const places: Place[] = [{ place: 'zip entry names', text: names.join('\n'), names: true }];
  for (const name of names) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    const content = await entry.async('uint8array');
    const text = textOf(content);
    if (text === undefined) {
      // Binary parts are images (word/media): their metadata is searched, their pixels are not.
      places.push(...mediaPlaces(name, content));
      continue;
    }
    if (/\.(xml|rels|vml)$/i.test(name) || text.trimStart().startsWith('<')) {
      const part = readXml(text);
      places.push({ place: name, text: part.text }, { place: `${name} attributes`, text: part.attributes, names: true });
      if (part.fields) places.push({ place: `${name} field codes`, text: part.fields, names: true });
    } else places.push({ place: name, text, names: true });
  }
  return places;
}

/** Elements that hold run text: their pieces join without a break, so a word split over runs reads whole. */
const RUN_TEXT = new Set(['t', 'delText', 'instrText']);
/** Elements that end a line of text as Word lays it out: paragraphs, cells, rows, tabs, breaks, text boxes, notes. */
const BREAKS = new Set(['p', 'tc', 'tr', 'tbl', 'tab', 'ptab', 'br', 'cr', 'sym', 'noBreakHyphen', 'txbxContent', 'textbox', 'footnote', 'endnote', 'comment', 'hdr', 'ftr', 'body', 'drawing', 'pict', 'object']);

const TOKEN =
  /<!--([\s\S]*?)-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<(\/?)([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|</g;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * One XML part's text, with a line break at every element boundary that Word shows as one; its
 * attribute values; and its field codes (`PAGEREF name`, `TOC \\b name`, `HYPERLINK \\l name`), which name bookmarks.
 */
export function readXml(xml: string): { text: string; attributes: string; fields: string } {
  const text: string[] = [];
  const attributes: string[] = [];
  const fields: string[] = [];
  const open: { name: string; hasText: boolean }[] = [];
  for (const match of xml.matchAll(TOKEN)) {
    const [, comment, cdata, closing, qname, attrs, selfClosing, chars] = match;
    if (comment !== undefined) text.push('\n', comment, '\n');
    else if (qname !== undefined) {
      const name = qname.slice(qname.indexOf(':') + 1);
      if (closing) {
        const element = open.pop();
        if (BREAKS.has(name) || (element?.hasText && !RUN_TEXT.has(name))) text.push('\n');
        continue;
      }
      for (const attribute of (attrs ?? '').matchAll(ATTRIBUTE)) {
        const value = decodeEntities(attribute[2] ?? attribute[3] ?? '');
        attributes.push(value);
        // A simple field keeps its code in an attribute.
        if (name === 'fldSimple' && /(^|:)instr$/.test(attribute[1]!)) fields.push('\n', value, '\n');
      }
      // A field's code may be split over runs; its pieces join up to the next field character (begin, separate, end).
      if (name === 'fldChar') fields.push('\n');
      if (BREAKS.has(name)) text.push('\n');
      if (!selfClosing) open.push({ name, hasText: false });
    } else {
      const data = cdata ?? decodeEntities(chars ?? '');
      const element = open.at(-1);
      // Between elements, whitespace is layout of the XML file, not text.
      if (element && (RUN_TEXT.has(element.name) || data.trim())) {
        text.push(data);
        element.hasText = true;
        if (element.name === 'instrText') fields.push(data);
      } else if (!element && data.trim()) text.push(data, '\n');
    }
  }
  return { text: text.join(''), attributes: attributes.join('\n'), fields: fields.join('').trim() };
}
