/**
 * The text each glyph of the pack's fonts stands for (src/render/pdf/glyph-text.ts): what the
 * ToUnicode maps of the PDF say. Every face is shaped the way the renderer shapes text (NFC, and
 * `shaping`'s features), and the glyphs' texts joined must give the text back after NFC.
 */
import { create } from 'fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLayout, type FontFace, type FontFiles } from '../src/plan/template.js';
import { fixGlyphText, type GlyphFont } from '../src/render/pdf/glyph-text.js';
import { drawnText, shaping } from '../src/render/pdf/text.js';

interface ShapingFont extends GlyphFont {
  layout(text: string, features?: Record<string, boolean>): { glyphs: { id: number; name: string; codePoints: number[] }[] };
  createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
}

let files: FontFiles;
beforeAll(async () => {
  files = (await loadLayout()).fonts!;
});

const parse = (face: FontFace): ShapingFont => create(Buffer.from(files[face])) as ShapingFont;
const fixed = (face: FontFace): ShapingFont => {
  const font = parse(face);
  fixGlyphText(font);
  return font;
};

/** What the text layer gives for `text` drawn in `font`, as the renderer draws it. */
const readBack = (font: ShapingFont, text: string): string => {
  const composed = drawnText(text);
  return font
    .layout(composed, shaping(composed).features)
    .glyphs.map((glyph) => String.fromCodePoint(...glyph.codePoints))
    .join('')
    .normalize('NFC');
};

/** Every string of `texts` that does not read back as itself. */
const misread = (font: ShapingFont, texts: Iterable<string>): string[] => [...texts].filter((text) => readBack(font, text) !== drawnText(text));

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
/** Base letters of the scripts the packs use: Latin, Greek and Cyrillic, with Vietnamese's bases. */
const LETTERS = [...range(0x41, 0x5a), ...range(0x61, 0x7a), 'ı', 'ł', 'đ', 'Đ', 'ơ', 'ư', ...range(0x391, 0x3a9), ...range(0x3b1, 0x3c9), ...range(0x410, 0x44f), 'і', 'ї', 'ґ', 'ё'].filter((c) => /\p{L}/u.test(c));
/** The combining diacritical marks, except the grapheme joiner, which is invisible and has no glyph of its own. */
const MARKS = range(0x300, 0x36f).filter((m) => m !== '\u034f');

describe.each(['regular', 'bold', 'italic', 'boldItalic'] as const)('the %s face', (face) => {
  let font: ShapingFont;
  beforeAll(() => {
    font = fixed(face);
  });

  it('reads back every precomposed letter it has, composed and decomposed', () => {
    const precomposed = font.characterSet.map((c) => String.fromCodePoint(c)).filter((c) => c.normalize('NFD') !== c);
    expect(precomposed.length).toBeGreaterThan(500);
    expect(misread(font, precomposed)).toEqual([]);
    expect(misread(font, precomposed.map((c) => c.normalize('NFD')))).toEqual([]);
  });

  it('reads back every character it has outside the Indic blocks, each alone, invisible ones aside', () => {
    // An Indic mark alone is shaped with a dotted circle; the packs are not set in Indic scripts.
    const characters = font.characterSet.map((c) => String.fromCodePoint(c)).filter((c) => !/[\p{Default_Ignorable_Code_Point}\p{Script=Devanagari}\u0900-\u097f\ua8e0-\ua8ff]/u.test(c));
    expect(characters.length).toBeGreaterThan(2500);
    expect(misread(font, characters)).toEqual([]);
  });

  it('reads back every Latin, Greek and Cyrillic letter with each combining mark', () => {
    const pairs = LETTERS.flatMap((letter) => MARKS.map((mark) => letter + mark));
    expect(pairs.length).toBeGreaterThan(10_000);
    expect(misread(font, pairs)).toEqual([]);
  });

  it('reads back Vietnamese stacks: a mark below or a horn, then a mark above', () => {
    const stacks = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'A', 'Ơ', 'Ư'].flatMap((base) =>
      ['\u0323', '\u031b', ''].flatMap((below) => ['\u0300', '\u0301', '\u0303', '\u0309', ''].map((above) => (base + below + above).normalize('NFD'))),
    );
    expect(misread(font, stacks)).toEqual([]);
    expect(misread(font, ['Nguyễn Thị Minh Khai', 'Phạm Văn Đồng', 'ặ ộ ữ ẹ ị ọ ụ ṣ'])).toEqual([]);
  });

  it('reads back its ligatures as their letters', () => {
    const words = ['ff', 'fi', 'fl', 'ffi', 'ffl', 'office', 'affluent', 'efficient', 'waffle', 'fjord'];
    // The words are drawn with ligature glyphs: otherwise this test would prove nothing about them.
    expect(font.layout('office').glyphs.map((g) => g.name)).toContain('f_f_i');
    expect(misread(font, words)).toEqual([]);
  });

  it('reads back Polish, Turkish, Greek and Cyrillic names', () => {
    expect(misread(font, ['Łódź', 'Świętokrzyskie', 'źdźbło', 'İstanbul', 'ığdır', 'Şişli', 'Αικατερίνη Παπαδοπούλου', 'ΐ ΰ ϊ', 'Наталья Соколова', 'Ёлка Україна Ґанок'])).toEqual([]);
  });
});

describe('the text of a glyph', () => {
  const codePointsOf = (font: ShapingFont, text: string) => font.layout(text).glyphs.map((g) => g.codePoints);

  it('does not depend on the text shaped first', () => {
    // Unfixed, fontkit names the glyph of "e" after whatever first reached it: here "ẹ", whose shaping splits off the dot.
    const unfixed = parse('regular');
    unfixed.layout('ẹ');
    expect(codePointsOf(unfixed, 'e')).not.toEqual([[0x65]]);

    const first = fixed('regular');
    for (const text of ['ẹ', 'Thị', 'office']) first.layout(text);
    const second = fixed('regular');
    for (const text of ['e', 'i', 'ffi']) second.layout(text);
    for (const text of ['e', 'ẹ', 'Thị', 'office']) expect(codePointsOf(first, text)).toEqual(codePointsOf(second, text));
    expect(codePointsOf(first, 'e')).toEqual([[0x65]]);
  });

  it('does not depend on a subset embedded before, as another document sharing the font embeds one', () => {
    // Cyrillic У and Greek Ζ are drawn with parts of Latin Y and Z: embedding them first gave Y and Z no text.
    const unfixed = parse('regular');
    const spoilt = unfixed.createSubset();
    for (const glyph of unfixed.layout('У Ζ Р').glyphs) spoilt.includeGlyph(glyph.id);
    spoilt.encode();
    expect(codePointsOf(unfixed, 'ZX81').flat()).not.toEqual([0x5a, 0x58, 0x38, 0x31]);

    const font = fixed('regular');
    const subset = font.createSubset();
    for (const glyph of font.layout('У Ζ Р').glyphs) subset.includeGlyph(glyph.id);
    subset.encode();
    expect(codePointsOf(font, 'STRESS-CANARY-ZX81').flat()).toEqual([...'STRESS-CANARY-ZX81'].map((c) => c.codePointAt(0)));
  });
});
