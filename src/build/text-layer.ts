/**
 * The build's check that a PDF's text layer is what its pages show. The leak gate searches the
 * text a reader (pdfjs) extracts; if a font's ToUnicode map sent a glyph to the wrong text, or to
 * none, the gate would search something other than what the page shows and could pass a leak.
 * So every output read back for the gate is also compared, page by page, with the text the
 * renderer drew there. The comparison is on Unicode's composed form (NFC), where a letter drawn as
 * base glyph and mark equals the precomposed letter, and ignores whitespace, which readers infer
 * from glyph positions, and invisible characters.
 */
import type { Place } from '../editions/leaks.js';

/**
 * Text as the check compares it. Whitespace goes first, as a reader may put a space before a mark
 * it placed apart; so do invisible characters (soft hyphen, zero-width space, joiners), which the
 * shaper draws as empty spaces.
 */
export const foldText = (text: string): string => text.replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, '').normalize('NFC');

export interface TextLayerMismatch {
  /** From 1. */
  page: number;
  /** The position of the first differing character in the page's folded text, from 0. */
  offset: number;
}

/** The first page whose read text differs from the placed text, or undefined when every page matches. */
export function textLayerMismatch(placed: readonly string[], places: readonly Place[]): TextLayerMismatch | undefined {
  const read = new Map(places.filter((p) => p.page !== undefined).map((p) => [p.page!, p.text]));
  const pages = Math.max(placed.length, ...read.keys());
  for (let page = 1; page <= pages; page++) {
    const drawn = foldText(placed[page - 1] ?? '');
    const extracted = foldText(read.get(page) ?? '');
    if (drawn === extracted) continue;
    let offset = 0;
    while (offset < drawn.length && drawn[offset] === extracted[offset]) offset++;
    return { page, offset };
  }
  return undefined;
}

/**
 * A bug in ogp-pack, not in the content: the build stops rather than trust the gate. The message
 * names output, page and position only, never the text, which may be what the gate missed.
 */
export class TextLayerError extends Error {
  constructor(output: string, mismatch: TextLayerMismatch) {
    super(
      `${output}: the text a PDF reader extracts from page ${mismatch.page} differs from the text drawn there (from character ${mismatch.offset + 1}, whitespace aside), so the leak gate cannot trust what it read`,
    );
    this.name = 'TextLayerError';
  }
}
