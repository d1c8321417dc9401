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

/** The parts of a fontkit font this file reads: its character map, glyphs and GSUB table (fontkit's parsed tables are properties of the font). */
export interface GlyphFont {
  readonly characterSet: number[];
  readonly numGlyphs: number;
  glyphForCodePoint(codePoint: number): { id: number; codePoints: number[] };
  getGlyph(id: number, codePoints?: number[]): { id: number; codePoints: number[] };
  readonly GSUB?: {
    scriptList?: Sequence<{ script: { defaultLangSys?: { featureIndexes: Sequence<number> } | null } }> | null;
    featureList: Sequence<{ tag: string; feature: { lookupListIndexes: Sequence<number> } }>;
    lookupList: Sequence<Lookup>;
  } | null;
}

/** fontkit's lazily decoded arrays, or plain arrays. */
type Sequence<T> = { length: number; get?(index: number): T } | T[];
interface Coverage {
  version: number;
  glyphs?: Sequence<number>;
  rangeRecords?: Sequence<{ start: number; end: number }>;
}
interface Rule {
  lookupRecords?: Sequence<{ lookupListIndex: number }>;
}
interface Subtable extends Rule {
  lookupType?: number;
  extension?: Subtable;
  coverage?: Coverage;
  version?: number;
  deltaGlyphID?: number;
  substitute?: Sequence<number>;
  ligatureSets?: Sequence<Sequence<{ glyph: number; components: Sequence<number> }>>;
  ruleSets?: Sequence<Sequence<Rule> | null>;
  classSet?: Sequence<Sequence<Rule> | null>;
  chainRuleSets?: Sequence<Sequence<Rule> | null>;
  chainClassSet?: Sequence<Sequence<Rule> | null>;
}
interface Lookup {
  lookupType: number;
  subTables: Sequence<Subtable>;
}

/**
 * The GSUB features fontkit's default shaper applies (to Latin, Greek and Cyrillic text among
 * others), in each script's default language system, as pdfkit names no language. Decoding every
 * lookup of a large font would cost a quarter of a second per face, and a language's own forms
 * (Catalan "l·" as one glyph) would name glyphs the pack never draws that way.
 */
const APPLIED_FEATURES = new Set(['rvrn', 'ltra', 'ltrm', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'calt', 'clig', 'liga', 'rclt']);

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

/** A subtable with its type, extension subtables unwrapped. */
function unwrap(lookup: Lookup): { type: number; table: Subtable }[] {
  return items(lookup.subTables).flatMap((table) => {
    if (lookup.lookupType !== 7) return [{ type: lookup.lookupType, table }];
    return table.extension && table.lookupType ? [{ type: table.lookupType, table: table.extension }] : [];
  });
}

/** The subtables of the lookups the applied features use, and of the lookups their contextual rules call. */
function appliedSubtables(gsub: NonNullable<GlyphFont['GSUB']>): { type: number; table: Subtable }[] {
  const features = items(gsub.featureList);
  const pending = [...new Set(items(gsub.scriptList ?? undefined).flatMap((entry) => items(entry.script.defaultLangSys?.featureIndexes)))]
    .sort((a, b) => a - b)
    .flatMap((index) => (APPLIED_FEATURES.has(features[index]!.tag) ? items(features[index]!.feature.lookupListIndexes) : []));
  const seen = new Set<number>();
  const found: { type: number; table: Subtable; index: number }[] = [];
  const lookups = gsub.lookupList;
  const lookupAt = (index: number): Lookup => (Array.isArray(lookups) ? lookups[index]! : (lookups as { get(i: number): Lookup }).get(index));
  while (pending.length > 0) {
    const index = pending.pop()!;
    if (seen.has(index)) continue;
    seen.add(index);
    for (const subtable of unwrap(lookupAt(index))) {
      found.push({ ...subtable, index });
      const { table } = subtable;
      const rules = [table, ...[table.ruleSets, table.classSet, table.chainRuleSets, table.chainClassSet].flatMap((sets) => items(sets).flatMap((set) => items(set ?? undefined)))];
      for (const rule of rules) for (const record of items(rule?.lookupRecords)) pending.push(record.lookupListIndex);
    }
  }
  // In the order fontkit applies them, so the first substitution that reaches a glyph names it.
  return found.sort((a, b) => a.index - b.index);
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

  const applied = font.GSUB ? appliedSubtables(font.GSUB) : [];
  const ofType = (type: number) => applied.filter((s) => s.type === type).map((s) => s.table);
  const ligatures = ofType(4).flatMap((table) => {
    const first = covered(table.coverage);
    return items(table.ligatureSets).flatMap((set, index) => items(set).map((ligature) => ({ glyph: ligature.glyph, parts: [first[index]!, ...items(ligature.components)] })));
  });
  const singles = ofType(1).flatMap((table) =>
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
