/**
 * Parsed fonts shared by every PDF a process renders. Parsing a TrueType file and shaping its
 * words (fontkit's OpenType layout) is most of a PDF's cost, and it depends only on the font's
 * bytes and the text: each layout pass and each edition of a pack would otherwise repeat it
 * on a fresh pdfkit document. The cache holds what pdfkit itself would compute, so sharing it
 * cannot change a byte of the output, once each glyph's text is fixed (`glyph-text.ts`):
 * fontkit otherwise keeps on a glyph the text of whatever asked for it first, in any document.
 *
 * With the cache on (`src/cache/store.ts`), each shaped word is also kept between runs, as its
 * glyph ids and positions, in a table named by the font's digest; a word found there is made
 * again from the font's own glyphs (`getGlyph`, whose text is fixed) without running fontkit's
 * OpenType layout, and gives pdfkit the same ids, advances, positions and text.
 */
import { createHash } from 'node:crypto';
import { create } from 'fontkit';
import { arrayOf, cacheTable, isIndex, isNumber, type CacheTable } from '../../cache/store.js';
import type { Doc } from './flow.js';
import { fixGlyphText, type GlyphFont } from './glyph-text.js';
import { shareWordLayouts } from './pdfkit-adapter.js';

/** A parsed face and pdfkit's word layouts for it (keyed by word, in pdfkit's units). */
interface SharedFace {
  font: unknown;
  layouts: Record<string, unknown>;
  /** The kept table the layouts read and fill, when the cache is on. */
  kept?: CacheTable<KeptRun> | undefined;
}

/** Shaped words depend on fontkit's layout and pdfkit's scaling; glyphs' text on `glyph-text.ts`; both on how this file keeps them. */
const SHAPED_BY = {
  packages: ['fontkit', 'pdfkit'],
  code: [import.meta.url],
  valid: arrayOf((glyph: unknown): glyph is number[] => Array.isArray(glyph) && (glyph.length === 2 || glyph.length === 5) && isIndex(glyph[0]) && glyph.slice(1).every(isNumber)),
};
const TEXT_BY = { packages: ['fontkit'], code: [import.meta.url, new URL('./glyph-text.js', import.meta.url).href], valid: arrayOf(arrayOf(isIndex)) };

/**
 * By the font file's digest, so that every build in a long-lived process (`watch` reads the
 * font files again for each build) finds the faces already parsed and their words shaped.
 */
const faces = new Map<string, SharedFace>();

function sharedFace(bytes: Uint8Array): SharedFace {
  const digest = createHash('sha256').update(bytes).digest('hex');
  let face = faces.get(digest);
  if (!face) {
    const font = create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    // Before any word is shaped: the text each glyph stands for must not depend on what was drawn first, here or in another document.
    fixText(font as GlyphFont, digest);
    face = { font, layouts: Object.create(null) as Record<string, unknown> };
    faces.set(digest, face);
  }
  // The cache may be opened or turned off between builds of one process: the words already shaped stay, the table behind them follows.
  const kept = cacheTable<KeptRun>(`words-${digest.slice(0, 32)}`, SHAPED_BY);
  if (face.kept !== kept) {
    Object.setPrototypeOf(face.layouts, kept ? keptLayouts(face.font as KeptFont, kept) : null);
    face.kept = kept;
  }
  return face;
}

/**
 * Fixes each glyph's text (`fixGlyphText`), or gives each glyph the text kept from an earlier
 * run for the same font, which spares decoding the font's substitutions.
 */
function fixText(font: GlyphFont, digest: string): void {
  const kept = cacheTable<number[][]>(`glyph-text-${digest.slice(0, 32)}`, TEXT_BY);
  const known = kept?.get('glyphs');
  if (known?.length === font.numGlyphs) {
    known.forEach((codePoints, id) => font.getGlyph(id, codePoints));
    return;
  }
  fixGlyphText(font);
  kept?.set('glyphs', Array.from({ length: font.numGlyphs }, (_, id) => font.getGlyph(id).codePoints));
}

/** A word as kept: per glyph its id and pdfkit's x advance, or id, x and y advance, x and y offset when it has any of the last three. */
type KeptRun = number[][];

/** pdfkit's word layout: fontkit's glyphs, and their positions scaled by pdfkit (each with the glyph's scaled advance). */
interface WordRun {
  glyphs: { id: number; advanceWidth: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}

interface KeptFont {
  unitsPerEm: number;
  numGlyphs: number;
  getGlyph(id: number): WordRun['glyphs'][number];
}

/**
 * The prototype of a face's word layouts (the object pdfkit reads and fills, `layoutCache[word]`)
 * while the cache is open. The words shaped or made in this process are the layouts' own
 * properties, found at the speed of any lookup; this prototype answers the others: a word in the
 * table is made from it and becomes an own property, and a word pdfkit shapes and stores is
 * added to the table as it becomes one.
 */
function keptLayouts(font: KeptFont, kept: CacheTable<KeptRun>): object {
  // pdfkit's scale, computed as pdfkit computes it.
  const scale = 1000 / font.unitsPerEm;
  const own = (receiver: object, word: string, run: WordRun) => Object.defineProperty(receiver, word, { value: run, writable: true, enumerable: true, configurable: true });
  return new Proxy(Object.create(null) as object, {
    get(_target, word, receiver: object) {
      if (typeof word !== 'string') return undefined;
      const entry = kept.get(word);
      if (!entry || entry.some(([id]) => id! >= font.numGlyphs)) return undefined;
      const run: WordRun = { glyphs: [], positions: [], advanceWidth: 0 };
      for (const [id, xAdvance, yAdvance = 0, xOffset = 0, yOffset = 0] of entry) {
        const glyph = font.getGlyph(id!);
        run.glyphs.push(glyph);
        run.positions.push({ xAdvance: xAdvance!, yAdvance, xOffset, yOffset, advanceWidth: glyph.advanceWidth * scale });
        // As fontkit's GlyphRun sums its advances.
        run.advanceWidth += xAdvance!;
      }
      own(receiver, word, run);
      return run;
    },
    set(_target, word, run: WordRun, receiver: object) {
      if (typeof word !== 'string') return false;
      own(receiver, word, run);
      kept.set(
        word,
        run.glyphs.map((glyph, index) => {
          const { xAdvance, yAdvance, xOffset, yOffset } = run.positions[index]!;
          return yAdvance || xOffset || yOffset ? [glyph.id, xAdvance, yAdvance, xOffset, yOffset] : [glyph.id, xAdvance];
        }),
      );
      return true;
    },
  });
}

/**
 * Registers each face under its name with its shared parsed font, and has every font pdfkit
 * makes for this document use the shared word layouts. pdfkit creates a font object the first
 * time a face is selected (and embeds only faces selected), so the layouts are attached then.
 */
export function registerSharedFonts(doc: Doc, named: Record<string, Uint8Array>): void {
  const layouts = new Map<unknown, Record<string, unknown>>();
  for (const [name, bytes] of Object.entries(named)) {
    const face = sharedFace(bytes);
    layouts.set(face.font, face.layouts);
    doc.registerFont(name, face.font as never);
  }
  shareWordLayouts(doc, layouts);
}
