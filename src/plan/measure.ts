/**
 * The plan's typesetting of text: widths in the layout's own fonts, for the decisions it makes
 * about space (table column widths, running titles that must fit), and spacing. Widths are
 * fontkit's advances, as the PDF renderer draws the same faces at the same sizes. With the cache
 * on (`src/cache/store.ts`), each word's width is kept between runs by the font's digest, and a
 * font is parsed only when a word is not there.
 */
import { createHash } from 'node:crypto';
import { create } from 'fontkit';
import { cacheTable, isLength, type CacheTable } from '../cache/store.js';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { FontFace, FontFiles } from './template.js';

interface FontkitFace {
  unitsPerEm: number;
  layout(text: string): { advanceWidth: number };
}

export interface TextMeasure {
  /** The width in points of `text` set in `face` at `size`. */
  width(text: string, face: FontFace, size: number): number;
}

interface MeasuredFace {
  /** Parsed when a word is first measured that no table holds. */
  face?: FontkitFace;
  widths: Map<string, number>;
  digest: string;
  kept?: CacheTable<number> | undefined;
}

/** Faces by their bytes, so that each edition of a build (and each build of `watch`) parses a font once. */
const parsed = new WeakMap<Uint8Array, MeasuredFace>();

export function fontMeasure(fonts: FontFiles): TextMeasure {
  const opened = new Map<FontFace, { entry: MeasuredFace; bytes: Uint8Array }>();
  const face = (key: FontFace) => {
    let found = opened.get(key);
    if (!found) {
      const bytes = fonts[key];
      let entry = parsed.get(bytes);
      if (!entry) {
        entry = { widths: new Map(), digest: createHash('sha256').update(bytes).digest('hex').slice(0, 32) };
        parsed.set(bytes, entry);
      }
      // Asked for each plan: the cache may be opened or turned off between builds.
      entry.kept = cacheTable<number>(`widths-${entry.digest}`, { packages: ['fontkit'], code: [import.meta.url], valid: isLength });
      found = { entry, bytes };
      opened.set(key, found);
    }
    return found;
  };
  return {
    // Word by word, as the PDF renderer sets text: each word is shaped once, and a line is its words and spaces.
    width(text, key, size) {
      const { entry, bytes } = face(key);
      const { widths, kept } = entry;
      const word = (value: string) => {
        let units = widths.get(value) ?? kept?.get(value);
        if (units === undefined) {
          entry.face ??= create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as FontkitFace;
          units = entry.face.layout(value).advanceWidth / entry.face.unitsPerEm;
          kept?.set(value, units);
        }
        widths.set(value, units);
        return units;
      };
      const words = text.split(' ');
      return (words.reduce((sum, w) => sum + (w ? word(w) : 0), 0) + (words.length - 1) * word(' ')) * size;
    },
  };
}

/**
 * `text` whole if it fits `room`, else cut after its last whole word that fits, with an ellipsis;
 * a first word too long on its own is cut where it must be.
 */
export function shorten(text: string, room: number, fits: (value: string) => number): string {
  if (fits(text) <= room) return text;
  const words = text.split(' ');
  for (let count = words.length - 1; count > 0; count--) {
    const head = words.slice(0, count).join(' ').replace(/[\s,;:.–—-]+$/u, '');
    if (head && fits(`${head}…`) <= room) return `${head}…`;
  }
  let head = text;
  while (head.length > 1 && fits(`${head}…`) > room) head = head.slice(0, -1);
  return `${head.trimEnd()}…`;
}

/** Runs of spaces typeset as one, as HTML and TeX set them. */
export const oneSpace = (text: string) => text.replace(/[ \t]{2,}/g, ' ');

/** Every text of a tree with its runs of spaces as one (code keeps its own spacing: it is no text node). */
export function oneSpaced(tree: Root): void {
  visit(tree, 'text', (node) => void (node.value = oneSpace(node.value)));
}
