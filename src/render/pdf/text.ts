/**
 * Rich text: runs of one font, size, colour and link, broken into lines by measured width.
 * Lines are drawn fragment by fragment at explicit positions with pdfkit's line wrapping off,
 * so pdfkit never adds a page on its own.
 */
import type { Doc, Item } from './flow.js';
import { faceMetrics } from './pdfkit-adapter.js';
import type { FontKey, PdfStyle } from './style.js';
import type { TagNode, Tagger } from './tags.js';

export type LinkTarget = { url: string } | { anchor: string };

export interface Run {
  text: string;
  font: FontKey;
  size: number;
  colour: string;
  /** `last` marks the link's last run: its element is ended once that run is drawn. */
  link?: { target: LinkTarget; tag: TagNode; last?: boolean };
  /** Raised by this fraction of the size (footnote markers). */
  rise?: number;
}

interface Fragment {
  run: Run;
  text: string;
  x: number;
  width: number;
  /** The run's text ends in this fragment. */
  endsRun?: boolean;
}

export interface Line {
  fragments: Fragment[];
  width: number;
  height: number;
  /** Distance from the line's top to its baseline. */
  baseline: number;
}

export class Measure {
  private readonly metrics = new Map<FontKey, { ascender: number; descender: number }>();
  /** `widths` may be shared by the layout passes of one pack: a width depends only on font, size and text. */
  constructor(
    readonly doc: Doc,
    readonly style: PdfStyle,
    private readonly widths = new Map<string, number>(),
  ) {}

  width(text: string, font: FontKey, size: number): number {
    const key = `${font}\u0000${size}\u0000${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      const composed = drawnText(text);
      width = this.doc.font(this.style.faces[font]).fontSize(size).widthOfString(composed, shaping(composed) as never);
      this.widths.set(key, width);
    }
    return width;
  }

  /** Ascender and descender per unit of font size. */
  metric(font: FontKey): { ascender: number; descender: number } {
    let metric = this.metrics.get(font);
    if (!metric) {
      metric = faceMetrics(this.doc, this.style.faces[font]);
      this.metrics.set(font, metric);
    }
    return metric;
  }
}

/** Words with their following spaces; a no-break space binds, a hard break stands alone. */
const TOKEN = /\n|[^ \t\n]+[ \t]*|[ \t]+/g;

/** Breaks runs into lines no wider than `width`. */
export function breakLines(measure: Measure, runs: Run[], width: number, lineHeight: number): Line[] {
  const lines: Line[] = [];
  let current: Fragment[] = [];
  let x = 0;

  const finish = () => {
    const last = current.at(-1);
    if (last) {
      const trimmed = last.text.replace(/[ \t]+$/, '');
      if (trimmed !== last.text) {
        last.width -= measure.width(last.text.slice(trimmed.length), last.run.font, last.run.size);
        last.text = trimmed;
      }
    }
    current = current.filter((fragment) => fragment.text.length > 0);
    const runs = current.length > 0 ? current.map((f) => f.run) : runsAt(lines);
    const size = Math.max(...runs.map((r) => r.size));
    const ascent = Math.max(...runs.map((r) => measure.metric(r.font).ascender * r.size));
    const descent = Math.max(...runs.map((r) => measure.metric(r.font).descender * r.size));
    const height = size * lineHeight;
    const lineWidth = current.reduce((sum, f) => Math.max(sum, f.x + f.width), 0);
    lines.push({ fragments: current, width: lineWidth, height, baseline: (height - ascent - descent) / 2 + ascent });
    current = [];
    x = 0;
  };
  const runsAt = (done: Line[]): Run[] => {
    const previous = done.at(-1)?.fragments[0]?.run ?? runs[0];
    return previous ? [previous] : [{ text: '', font: 'regular', size: measure.style.sizes.body, colour: measure.style.colours.text }];
  };

  const append = (run: Run, text: string, tokenWidth: number) => {
    const last = current.at(-1);
    if (last && last.run === run) {
      // A fragment is as wide as its tokens: measuring the whole fragment again at every word
      // would make line breaking quadratic in the fragment's length.
      last.text += text;
      last.width += tokenWidth;
    } else {
      current.push({ run, text, x, width: tokenWidth });
    }
    x += tokenWidth;
  };

  for (const run of runs) {
    for (const token of run.text.match(TOKEN) ?? []) {
      if (token === '\n') {
        finish();
        continue;
      }
      const word = token.replace(/[ \t]+$/, '');
      if (word === '' && x === 0) continue;
      const wordWidth = measure.width(word, run.font, run.size);
      const tokenWidth = measure.width(token, run.font, run.size);
      if (x > 0 && x + wordWidth > width) {
        finish();
        if (word === '') continue;
      }
      if (wordWidth > width) {
        // A word longer than the line (a URL): break it between characters.
        let piece = '';
        for (const char of token) {
          const next = piece + char;
          if (x + measure.width(next, run.font, run.size) > width && piece !== '') {
            append(run, piece, measure.width(piece, run.font, run.size));
            finish();
            piece = char;
          } else piece = next;
        }
        if (piece) append(run, piece, measure.width(piece, run.font, run.size));
        continue;
      }
      append(run, token, tokenWidth);
    }
    const last = current.at(-1) ?? lines.at(-1)?.fragments.at(-1);
    if (last && last.run === run) last.endsRun = true;
  }
  if (current.length > 0 || lines.length === 0) finish();
  return lines;
}

export interface DrawContext {
  doc: Doc;
  tagger: Tagger;
  style: PdfStyle;
  placed: PlacedText;
}

/**
 * The text drawn on each page, in drawing order: what the PDF's text layer must give back
 * (the build compares it with what pdfjs reads). Pages are counted as pdfkit adds them;
 * drawing on an earlier page (headers and footers) goes through `onPage`.
 */
export class PlacedText {
  readonly pages: string[] = [];
  private page = -1;

  constructor(doc: Doc) {
    doc.on('pageAdded', () => {
      this.page = this.pages.length;
      this.pages.push('');
    });
  }

  onPage(index: number): void {
    this.page = index;
  }

  add(text: string): void {
    this.pages[this.page] += text;
  }
}

/** The Latin ligature characters (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ). */
const LIGATURE_CHARACTER = /[\uFB00-\uFB06]/gu;

/**
 * Text as the PDF draws it: in Unicode's composed form (NFC), which the fonts' precomposed
 * letters draw and their glyphs' text gives back, and with ligature characters spelled out,
 * which the font's own ligatures draw alike (a ligature glyph's text is its letters).
 */
export function drawnText(text: string): string {
  return text.normalize('NFC').replace(LIGATURE_CHARACTER, (ligature) => ligature.normalize('NFKC'));
}

/** A soft-dotted letter (i, j) followed by a combining mark that it does not compose with. */
const SOFT_DOTTED_MARK = /\p{Soft_Dotted}\p{Mn}/u;

/**
 * OpenType features for drawing `text` (in NFC). The fonts' ccmp feature draws "i" or "j" under
 * an accent as a dotless glyph, whose text is "ı" or "ȷ", so the text layer would not say what
 * the page shows; without ccmp the letter keeps its glyph (and its dot) and reads back as written.
 */
export function shaping(text: string): { features?: Record<string, boolean> } {
  return SOFT_DOTTED_MARK.test(text) ? { features: { ccmp: false } } : {};
}

/** Draws one string at an explicit baseline, as every text of the PDF is drawn (`drawnText`), and records it as placed on the page. */
export function show(ctx: DrawContext, text: string, x: number, baseline: number, font: FontKey, size: number, colour: string): void {
  const composed = drawnText(text);
  ctx.placed.add(composed);
  ctx.doc.font(ctx.style.faces[font]).fontSize(size).fillColor(colour).text(composed, x, baseline, { lineBreak: false, baseline: 'alphabetic', ...shaping(composed) } as never);
}

/** Draws one line with its top-left corner at (x, y); fragments are tagged to `tag` or their link. */
export function drawLine(ctx: DrawContext, line: Line, x: number, y: number, tag: TagNode | 'artifact'): void {
  const { doc, tagger } = ctx;
  const baseline = y + line.baseline;
  for (const fragment of line.fragments) {
    const run = fragment.run;
    const draw = () => show(ctx, fragment.text, x + fragment.x, baseline - (run.rise ?? 0) * run.size, run.font, run.size, run.colour);
    if (tag === 'artifact') tagger.artifact(draw);
    else tagger.content(run.link?.tag ?? tag, draw);
    if (run.link && tag !== 'artifact') {
      const target = run.link.target;
      const rect: [number, number, number, number] = [x + fragment.x, y, fragment.width, line.height];
      tagger.annotation(run.link.tag, (structParent) => {
        if ('url' in target) doc.link(...rect, target.url, { structParent } as never);
        else doc.goTo(...rect, target.anchor, { structParent } as never);
      });
      if (fragment.endsRun && run.link.last) tagger.end(run.link.tag);
    }
  }
}

/** One item per line, with orphan and widow control. */
export function lineItems(
  ctx: DrawContext,
  lines: Line[],
  x: number,
  tag: TagNode | 'artifact',
  options: { before?: number; keepWithNext?: boolean; orphans?: number; anchors?: string[] } = {},
): Item[] {
  const orphans = options.orphans ?? 2;
  return lines.map((line, index) => ({
    height: line.height,
    before: index === 0 ? options.before : undefined,
    anchors: index === 0 ? options.anchors : undefined,
    keepWithNext:
      index === lines.length - 1
        ? options.keepWithNext
        : options.keepWithNext || index < orphans - 1 || index >= lines.length - orphans,
    baseline: line.baseline,
    draw: (y: number) => drawLine(ctx, line, x, y, tag),
  }));
}
