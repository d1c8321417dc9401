import type { Nodes, Root } from 'mdast';
import type { Position } from 'unist';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Point, Span } from '../diagnostics/diagnostic.js';
import type { Source } from '../load/load.js';

/** Line starts of a file's text, for turning offsets into 1-based line:column. */
export class FileText {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  point(offset: number): Point {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }

  span(start: number, end: number): Span {
    return end > start ? { start: this.point(start), end: this.point(end) } : { start: this.point(start) };
  }
}

/**
 * A run of prose as a reader sees it (a paragraph, a heading, a table cell, an agenda
 * description), with the file offset of each of its characters, so a finding inside it lands on
 * the exact place in the source even where Markdown escapes or YAML indentation differ.
 */
export interface Prose {
  source: Source;
  text: string;
  /** File offset of each character of `text`. */
  offsets: number[];
  /** Where the prose comes from: `markdown`, or the YAML field path such as `items.2.description`. */
  field: string;
  /** Spans of `text` that are not prose (inline code, bare URLs and email addresses): [start, end) pairs. */
  literals: [number, number][];
}

/** The span of characters [start, end) of a prose run in its file. */
export function proseSpan(prose: Prose, file: FileText, start: number, end: number): Span {
  const first = prose.offsets[start] ?? prose.offsets.at(-1) ?? 0;
  const last = prose.offsets[Math.max(start, end - 1)] ?? first;
  return file.span(first, last + 1);
}

/**
 * File offsets of each character of `value`, found by walking the source from `from`: characters
 * the value does not have (indentation, escapes, quotes, a folded line break) are skipped.
 */
export function align(source: string, from: number, to: number, value: string): number[] {
  const offsets: number[] = [];
  let j = from;
  for (const ch of value) {
    let k = j;
    // A character the source lacks is looked for only this far, or a long run of them would take time growing with its square.
    const stop = Math.min(to, j + ALIGN_WINDOW);
    // Astral characters are two code units: compare both, as a one-unit comparison never matches.
    while (k < stop && !(source[k] === ch[0] && (ch.length === 1 || source[k + 1] === ch[1])) && !(ch === ' ' && (source[k] === '\n' || source[k] === '\r'))) k++;
    const found = k < stop ? k : j;
    for (let u = 0; u < ch.length; u++) offsets.push(found + u);
    j = k < stop ? k + ch.length : j;
  }
  return offsets;
}

/** How far past the last character found `align` looks for the next: escapes, entities and indentation are far shorter. */
const ALIGN_WINDOW = 1024;

/** Block-level Markdown nodes whose inline content is one run of prose. */
const PROSE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

/** The prose runs of a Markdown file's body. */
export function markdownProse(source: Source, tree: Root): Prose[] {
  const runs: Prose[] = [];
  const walk = (node: Nodes) => {
    if (PROSE_BLOCKS.has(node.type)) {
      runs.push(inlineProse(source, node));
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return runs;
}

function inlineProse(source: Source, block: Nodes): Prose {
  const prose: Prose = { source, text: '', offsets: [], field: 'markdown', literals: [] };
  const blockEnd = (block as { position?: Position }).position?.end.offset ?? source.text.length;
  // Where the next character is looked for: text split around autolinks has no position of its own.
  let cursor = (block as { position?: Position }).position?.start.offset ?? 0;
  const append = (value: string, offsets: number[], literal: boolean) => {
    const start = prose.text.length;
    prose.text += value;
    // One at a time: spreading a long paragraph's offsets as arguments overflows the stack.
    for (const offset of offsets) prose.offsets.push(offset);
    if (offsets.length > 0) cursor = offsets.at(-1)! + 1;
    if (literal) prose.literals.push([start, prose.text.length]);
  };
  const visit = (node: Nodes) => {
    const position = (node as { position?: Position }).position;
    if (node.type === 'text' || node.type === 'inlineCode') {
      const from = position?.start.offset ?? cursor;
      append(node.value, align(source.text, from, position?.end.offset ?? blockEnd, node.value), node.type === 'inlineCode');
      return;
    }
    if (node.type === 'break') {
      append(' ', [position?.start.offset ?? cursor], false);
      return;
    }
    if (node.type === 'link') {
      const start = prose.text.length;
      for (const child of node.children) visit(child);
      // A bare URL or email address is a literal, not words to proofread.
      const shown = prose.text.slice(start);
      if (shown === node.url || `mailto:${shown}` === node.url || `http://${shown}` === node.url) prose.literals.push([start, prose.text.length]);
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(block);
  return prose;
}

/** Keys whose values are identifiers, dates, times, statuses or addresses rather than prose. */
const NOT_PROSE = new Set(['$schema', 'id', 'kind', 'status', 'part', 'order', 'category', 'papers', 'people', 'sessions', 'date', 'dates', 'start', 'end', 'time', 'email', 'pack', 'group', 'attending', 'data', 'weekday', 'number', 'reason', 'editions', 'canary']);

/**
 * The prose strings of a YAML document (a session, a data file, front matter): every string value
 * except identifiers and other codes. `base` is the file offset where the YAML text begins.
 */
export function yamlProse(source: Source, base: number): Prose[] {
  const document = source.yaml?.document;
  if (!document) return [];
  const runs: Prose[] = [];
  const walk = (node: Node | null | undefined, path: string[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (!NOT_PROSE.has(key)) walk(pair.value as Node, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node, [...path, String(i)]));
    } else if (isScalar(node) && typeof node.value === 'string' && node.range) {
      const value = node.value;
      const offsets = align(source.text, base + node.range[0], base + node.range[1], value);
      runs.push({ source, text: value, offsets, field: path.join('.'), literals: [] });
    }
  };
  walk(document.contents as Node, []);
  return runs;
}
