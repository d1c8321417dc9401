/**
 * The text each glyph of a font stands for, fixed once, when the font is parsed.
 *
 * pdfkit writes an embedded font's ToUnicode map (what copying and searching a PDF read) from
 * each glyph's `codePoints`, and fontkit keeps on a glyph the code points of whatever first asked
 * for it: a word whose shaping split "ị" into "i" and a dot below gave the dot none, and a font
 * subset pulling in the parts of a composite glyph (Cyrillic "У" is drawn with Latin "Y") gave
 * them none. The map then depended on the order of the text and, as parsed fonts are shared, on
 * the other documents rendered before. Asking fontkit for every glyph first, with the text it
 * stands for, makes the map a function of the font alone:
 *
 * 1. a glyph the character map reaches stands for its lowest code point, compatibility forms
 *    (the "ﬁ" ligature character, the micro sign) last, so that a ligature glyph means its letters;
 * 2. a glyph that a ligature substitution makes ("f" "f" "i" → "ffi") stands for its components;
 * 3. a glyph that a single substitution makes (a mark's form over capitals) stands for the glyph it replaces;
 * 4. any other glyph stands for nothing.
 *
 * A decomposed letter then reads as base letter and combining mark, which is the same text
 * after Unicode normalisation (NFC).
 */

/** The parts of a fontkit font this file reads: its character map, glyphs and GSUB lookups (fontkit's parsed table). */
export interface GlyphFont {
  readonly characterSet: number[];
  readonly numGlyphs: number;
  glyphForCodePoint(codePoint: number): { id: number; codePoints: number[] };
  getGlyph(id: number, codePoints?: number[]): { id: number; codePoints: number[] };
  readonly GSUB?: { lookupList: Sequence<Lookup> } | null;
}

/** fontkit's lazily decoded arrays, or plain arrays. */
type Sequence<T> = { length: number; get?(index: number): T } | T[];
interface Coverage {
  version: number;
  glyphs?: Sequence<number>;
  rangeRecords?: Sequence<{ start: number; end: number }>;
}
interface Subtable {
  lookupType?: number;
  extension?: Subtable;
  coverage?: Coverage;
  version?: number;
  deltaGlyphID?: number;
  substitute?: Sequence<number>;
  ligatureSets?: Sequence<Sequence<{ glyph: number; components: Sequence<number> }>>;
}
interface Lookup {
  lookupType: number;
  subTables: Sequence<Subtable>;
}

const items = <T>(sequence: Sequence<T> | undefined): T[] => {
  if (!sequence) return [];
  if (Array.isArray(sequence)) return sequence;
  const lazy = sequence as { length: number; get(index: number): T };
  return Array.from({ length: lazy.length }, (_, index) => lazy.get(index));
};

/** The glyphs a coverage table lists, in coverage order. */
function covered(coverage: Coverage | undefined): number[] {
  if (!coverage) return [];
  if (coverage.version === 1) return items(coverage.glyphs);
  return items(coverage.rangeRecords).flatMap(({ start, end }) => Array.from({ length: end - start + 1 }, (_, i) => start + i));
}

/** Every substitution subtable of a type, extension lookups unwrapped. */
function subtables(lookups: Lookup[], type: number): Subtable[] {
  return lookups.flatMap((lookup) =>
    items(lookup.subTables).flatMap((table) => {
      const actual = lookup.lookupType === 7 ? table.extension : table;
      const actualType = lookup.lookupType === 7 ? table.lookupType : lookup.lookupType;
      return actual && actualType === type ? [actual] : [];
    }),
  );
}

/** A compatibility character (a presentation form, the micro sign): its glyph is better named by what it decomposes to. */
const isCompatibility = (codePoint: number): boolean => {
  const char = String.fromCodePoint(codePoint);
  return char.normalize('NFKD') !== char.normalize('NFD');
};

/** Creates every glyph of `font` with the text it stands for (see above); call before any other use of the font. */
export function fixGlyphText(font: GlyphFont): void {
  const text = new Map<number, number[]>();
  const fix = (id: number, codePoints: number[]) => {
    if (text.has(id) || id >= font.numGlyphs) return false;
    text.set(id, font.getGlyph(id, codePoints).codePoints);
    return true;
  };

  const codePoints = [...font.characterSet].sort((a, b) => a - b);
  const name = (codePoint: number) => {
    const glyph = font.glyphForCodePoint(codePoint);
    text.set(glyph.id, glyph.codePoints);
  };
  for (const codePoint of codePoints) if (!isCompatibility(codePoint)) name(codePoint);

  const lookups = items(font.GSUB?.lookupList);
  const ligatures = subtables(lookups, 4).flatMap((table) => {
    const first = covered(table.coverage);
    return items(table.ligatureSets).flatMap((set, index) => items(set).map((ligature) => ({ glyph: ligature.glyph, parts: [first[index]!, ...items(ligature.components)] })));
  });
  const singles = subtables(lookups, 1).flatMap((table) =>
    covered(table.coverage).map((from, index) => ({ from, to: table.version === 1 ? (from + (table.deltaGlyphID ?? 0)) & 0xffff : items(table.substitute)[index]! })),
  );
  // Ligatures of ligatures and substitutes of substitutes: until nothing more can be named.
  for (let changed = true; changed; ) {
    changed = false;
    for (const { glyph, parts } of ligatures) {
      const named = parts.map((part) => text.get(part));
      if (named.every((p) => p !== undefined && p.length > 0)) changed = fix(glyph, named.flat() as number[]) || changed;
    }
    for (const { from, to } of singles) {
      const named = text.get(from);
      if (named && named.length > 0) changed = fix(to, named) || changed;
    }
  }

  for (const codePoint of codePoints) if (isCompatibility(codePoint)) name(codePoint);
  for (let id = 0; id < font.numGlyphs; id++) fix(id, []);
}
