/**
 * Parsed fonts shared by every PDF a process renders. Parsing a TrueType file and shaping its
 * words (fontkit's OpenType layout) is most of a PDF's cost, and it depends only on the font's
 * bytes and the text: each layout pass and each edition of a pack would otherwise repeat it
 * on a fresh pdfkit document. The cache holds what pdfkit itself would compute, so sharing it
 * cannot change a byte of the output, once each glyph's text is fixed (`glyph-text.ts`):
 * fontkit otherwise keeps on a glyph the text of whatever asked for it first, in any document.
 */
import { createHash } from 'node:crypto';
import { create } from 'fontkit';
import type { Doc } from './flow.js';
import { fixGlyphText, type GlyphFont } from './glyph-text.js';
import { shareWordLayouts } from './pdfkit-adapter.js';

/** A parsed face and pdfkit's word layouts for it (keyed by word, in pdfkit's units). */
interface SharedFace {
  font: unknown;
  layouts: Record<string, unknown>;
}

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
    fixGlyphText(font as GlyphFont);
    face = { font, layouts: Object.create(null) as Record<string, unknown> };
    faces.set(digest, face);
  }
  return face;
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
