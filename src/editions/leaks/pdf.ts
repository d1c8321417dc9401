/**
 * PDF as the leak gate reads it: what a viewer shows (page text, outline, document properties,
 * links, named destinations, alt text) read with pdfjs, and a sweep of the file itself (every
 * string and name object, every stream, inflated) for whatever a viewer does not show.
 */
import { inflateSync, constants } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Place } from '../leaks.js';
import { decodeEntities, textOf } from './read.js';

export async function readPdf(bytes: Uint8Array): Promise<Place[]> {
  return [...(await viewerPlaces(bytes)), ...sweepPlaces(bytes)];
}

interface TextItem {
  str: string;
  hasEOL: boolean;
}
interface MarkedContent {
  type: string;
  tag?: string;
}
interface OutlineNode {
  title: string;
  dest: string | unknown[] | null;
  url: string | null;
  unsafeUrl?: string;
  items: OutlineNode[];
}
interface StructNode {
  alt?: string;
  children?: StructNode[];
}

async function viewerPlaces(bytes: Uint8Array): Promise<Place[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const places: Place[] = [];
    const running: string[] = [];
    const alt: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      // Running headers and footers are artifacts; leaving them out of the running text joins a sentence broken by a page break.
      const items = (await page.getTextContent({ includeMarkedContent: true })).items as (TextItem | MarkedContent)[];
      const artifact: boolean[] = [];
      let all = '';
      let flow = '';
      for (const item of items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') artifact.push(item.tag === 'Artifact' || artifact.at(-1) === true);
          else if (item.type === 'endMarkedContent') artifact.pop();
          continue;
        }
        const text = item.str + (item.hasEOL ? '\n' : '');
        all += text;
        if (!artifact.at(-1)) flow += text;
      }
      places.push({ place: `page ${number} text`, text: all, page: number });
      running.push(flow);

      const targets: string[] = [];
      const notes: string[] = [];
      for (const annotation of (await page.getAnnotations({ intent: 'any' })) as Record<string, unknown>[]) {
        for (const key of ['url', 'unsafeUrl', 'dest', 'action', 'attachmentDest', 'fieldName']) {
          const value = annotation[key];
          if (typeof value === 'string') targets.push(value);
        }
        for (const key of ['contentsObj', 'titleObj', 'richText']) {
          const value = (annotation[key] as { str?: unknown } | undefined)?.str;
          if (typeof value === 'string' && value) notes.push(value);
        }
        for (const key of ['alternativeText', 'fieldValue', 'textContent']) {
          const value = annotation[key];
          if (typeof value === 'string' && value) notes.push(value);
          else if (Array.isArray(value)) notes.push(...value.filter((v): v is string => typeof v === 'string'));
        }
      }
      if (targets.length) places.push({ place: `link target on page ${number}`, text: targets.join('\n'), names: true });
      if (notes.length) places.push({ place: `annotation text on page ${number}`, text: notes.join('\n') });

      const collect = (node: StructNode | null | undefined): void => {
        if (!node) return;
        if (typeof node.alt === 'string') alt.push(node.alt);
        node.children?.forEach(collect);
      };
      collect((await page.getStructTree()) as StructNode | null);
      page.cleanup();
    }
    places.push({ place: 'running text across pages', text: running.join('\n'), fallback: true });
    if (alt.length) places.push({ place: 'structure tree alt text', text: alt.join('\n') });

    const titles: string[] = [];
    const outlineTargets: string[] = [];
    const walk = (nodes: OutlineNode[] | null): void => {
      for (const node of nodes ?? []) {
        titles.push(node.title);
        for (const target of [node.dest, node.url, node.unsafeUrl]) if (typeof target === 'string') outlineTargets.push(target);
        walk(node.items);
      }
    };
    walk((await pdf.getOutline()) as OutlineNode[] | null);
    places.push({ place: 'outline', text: titles.join('\n') }, { place: 'outline targets', text: outlineTargets.join('\n'), names: true });

    const { info, metadata } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown>; metadata: { getRaw(): string } | null };
    const properties = (record: Record<string, unknown>): void => {
      for (const [key, value] of Object.entries(record)) {
        if (typeof value === 'string') places.push({ place: `document info ${key}`, text: value });
        else if (key === 'Custom' && value && typeof value === 'object') properties(value as Record<string, unknown>);
      }
    };
    properties(info ?? {});
    if (metadata) places.push({ place: 'XMP metadata', text: decodeEntities(metadata.getRaw()) });

    places.push({ place: 'named destinations', text: Object.keys(await pdf.getDestinations()).join('\n'), names: true });
    const labels = await pdf.getPageLabels();
    if (labels) places.push({ place: 'page labels', text: labels.join('\n') });
    const attachments = (await pdf.getAttachments()) as Record<string, { filename: string; content: Uint8Array }> | null;
    for (const [name, file] of Object.entries(attachments ?? {})) {
      places.push({ place: 'attachment names', text: `${name}\n${file.filename}`, names: true });
      const text = textOf(file.content);
      if (text !== undefined) places.push({ place: `attachment ${file.filename}`, text, names: true });
    }
    return places;
  } finally {
    await pdf.destroy();
  }
}

/**
 * Every string object (literal with escapes and nested parentheses, or hex; UTF-16BE with a BOM,
 * UTF-8 with a BOM, else PDFDocEncoding), every name object, and every stream, inflated when
 * FlateDecode, searched again for strings (object and content streams) and read as text when it
 * is text (XMP). This covers /T, /Alt, /ActualText, /Subject, /Keywords and the like whatever
 * pdfjs exposes.
 */
export function sweepPlaces(bytes: Uint8Array): Place[] {
  const found: Sweep = { strings: new Set(), names: new Set(), streams: [] };
  sweep(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), found, 'file');
  return [
    { place: 'PDF string objects', text: [...found.strings].join('\n'), names: true },
    { place: 'PDF name objects', text: [...found.names].join('\n'), names: true },
    { place: 'PDF streams', text: found.streams.join('\n') },
  ];
}

interface Sweep {
  strings: Set<string>;
  names: Set<string>;
  streams: string[];
}

const isWhite = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const DELIMITER = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

/**
 * Scans PDF syntax (one byte per character) for strings and names; at the file level also for
 * streams. In a content stream the operands of text-showing operators are glyph codes, which
 * pdfjs has read as page text, so only other strings (marked-content properties such as
 * /ActualText and /Alt) are kept.
 */
function sweep(text: string, found: Sweep, mode: 'file' | 'objects' | 'content'): void {
  const n = text.length;
  const content = mode === 'content';
  let objectStart = 0;
  let arrays = 0;
  let i = 0;
  const keep = (value: string, end: number) => {
    if (content && (arrays > 0 || TEXT_OPERATOR.test(text.slice(end, end + 4)))) return;
    found.strings.add(value);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x25 /* % */) {
      while (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
    } else if (c === 0x28 /* ( */) {
      const { bytes, end } = literalString(text, i);
      keep(decodePdfString(bytes), end);
      i = end;
    } else if (c === 0x3c /* < */) {
      if (text.charCodeAt(i + 1) === 0x3c) {
        i += 2;
        continue;
      }
      const end = text.indexOf('>', i);
      if (end === -1) break;
      keep(decodePdfString(hexBytes(text.slice(i + 1, end))), end + 1);
      i = end + 1;
    } else if (c === 0x5b /* [ */) {
      arrays++;
      i++;
    } else if (c === 0x5d /* ] */) {
      arrays = Math.max(0, arrays - 1);
      i++;
    } else if (c === 0x2f /* / */) {
      let j = i + 1;
      while (j < n && !isWhite(text.charCodeAt(j)) && !DELIMITER.has(text.charCodeAt(j))) j++;
      if (j > i + 1 && !content) found.names.add(decodeName(text.slice(i + 1, j)));
      i = j;
    } else if (mode === 'file' && c === 0x6f /* o */ && text.startsWith('obj', i) && isWhite(text.charCodeAt(i - 1)) && !/[A-Za-z]/.test(text[i + 3] ?? ' ')) {
      objectStart = i;
      arrays = 0;
      i += 3;
    } else if (mode === 'file' && c === 0x73 /* s */ && text.startsWith('stream', i) && (text[i + 6] === '\r' || text[i + 6] === '\n') && !/[A-Za-z]/.test(text[i - 1] ?? ' ')) {
      i = stream(text, objectStart, i, found);
    } else i++;
  }
}

/** A string operand followed by one of these shows glyphs: `Tj`, `'`, `"`. */
const TEXT_OPERATOR = /^\s*(Tj|'|")/;

/** Reads the stream whose keyword is at `at`; returns the offset after it. */
function stream(text: string, objectStart: number, at: number, found: Sweep): number {
  const dictionary = text.slice(objectStart, at);
  let start = at + 6;
  if (text[start] === '\r') start++;
  if (text[start] === '\n') start++;
  const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
  let end = length ? start + Number(length[1]) : -1;
  if (end < 0 || !/^\s*endstream/.test(text.slice(end, end + 20))) end = text.indexOf('endstream', start);
  if (end === -1) end = text.length;
  const filters = [...(/\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dictionary)?.[1] ?? '').matchAll(/\/([A-Za-z0-9]+)/g)].map((m) => m[1]);
  if (/\/Subtype\s*\/(Image|Type1C|CIDFontType0C|OpenType)\b|\/Length[123]\b|\/Type\s*\/XRef\b/.test(dictionary)) return end + 'endstream'.length;
  const raw = Buffer.from(text.slice(start, end), 'latin1');
  let data: Buffer | undefined;
  if (filters.length === 0) data = raw;
  else if (filters.length === 1 && (filters[0] === 'FlateDecode' || filters[0] === 'Fl')) {
    try {
      data = inflateSync(raw, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      data = undefined;
    }
  }
  if (!data) return end + 'endstream'.length;
  const latin1 = data.toString('latin1');
  if (/\/Type\s*\/ObjStm\b/.test(dictionary)) sweep(latin1, found, 'objects');
  else if (/\/Type\s*\/(Metadata|EmbeddedFile)\b/.test(dictionary) || /^\s*</.test(latin1)) {
    const text = textOf(data);
    if (text !== undefined) found.streams.push(decodeEntities(text));
  } else sweep(latin1, found, 'content');
  return end + 'endstream'.length;
}

const ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c, '(': 0x28, ')': 0x29, '\\': 0x5c };

function literalString(text: string, at: number): { bytes: number[]; end: number } {
  const bytes: number[] = [];
  let depth = 1;
  let i = at + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      const next = text[i + 1] ?? '';
      if (next in ESCAPES) {
        bytes.push(ESCAPES[next]!);
        i += 2;
      } else if (next >= '0' && next <= '7') {
        let j = i + 1;
        let code = 0;
        while (j < i + 4 && text[j]! >= '0' && text[j]! <= '7') code = code * 8 + Number(text[j++]);
        bytes.push(code & 0xff);
        i = j;
      } else if (next === '\r') i += text[i + 2] === '\n' ? 3 : 2;
      else if (next === '\n') i += 2;
      else i += 1;
      continue;
    }
    if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return { bytes, end: i + 1 };
    bytes.push(c);
    i++;
  }
  return { bytes, end: i };
}

function hexBytes(hex: string): number[] {
  const digits = hex.replace(/[^0-9A-Fa-f]/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < digits.length; i += 2) bytes.push(parseInt((digits[i + 1] === undefined ? digits[i] + '0' : digits.slice(i, i + 2)), 16));
  return bytes;
}

const decodeName = (name: string) => (name.includes('#') ? Buffer.from(name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8') : name);

/** PDFDocEncoding where it differs from Latin-1 (0x18–0x1F and 0x80–0xA0). */
const PDF_DOC: Record<number, number> = {
  0x18: 0x02d8, 0x19: 0x02c7, 0x1a: 0x02c6, 0x1b: 0x02d9, 0x1c: 0x02dd, 0x1d: 0x02db, 0x1e: 0x02da, 0x1f: 0x02dc,
  0x80: 0x2022, 0x81: 0x2020, 0x82: 0x2021, 0x83: 0x2026, 0x84: 0x2014, 0x85: 0x2013, 0x86: 0x0192, 0x87: 0x2044,
  0x88: 0x2039, 0x89: 0x203a, 0x8a: 0x2212, 0x8b: 0x2030, 0x8c: 0x201e, 0x8d: 0x201c, 0x8e: 0x201d, 0x8f: 0x2018,
  0x90: 0x2019, 0x91: 0x201a, 0x92: 0x2122, 0x93: 0xfb01, 0x94: 0xfb02, 0x95: 0x0141, 0x96: 0x0152, 0x97: 0x0160,
  0x98: 0x0178, 0x99: 0x017d, 0x9a: 0x0131, 0x9b: 0x0142, 0x9c: 0x0153, 0x9d: 0x0161, 0x9e: 0x017e, 0xa0: 0x20ac,
};

export function decodePdfString(bytes: number[]): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(Uint8Array.from(bytes.slice(2)));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder().decode(Uint8Array.from(bytes.slice(3)));
  let text = '';
  for (const b of bytes) text += String.fromCharCode(PDF_DOC[b] ?? b);
  return text;
}
