import type { LineCounter } from 'yaml';
import type { Point, Span } from '../diagnostics/diagnostic.js';

/** Maps offsets in a YAML text onto file positions; front matter sits below the file's first line. */
export interface PositionMap {
  point(offset: number): Point;
  span(start: number, end?: number): Span;
}

/**
 * `lineCounter` indexes the parsed YAML text. `firstLineColumnOffset` is how far into the file's
 * first line that text starts (the length of an opening `---` delimiter for front matter).
 */
export function positionMap(lineCounter: LineCounter, firstLineColumnOffset = 0): PositionMap {
  const point = (offset: number): Point => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: line === 1 ? col + firstLineColumnOffset : col };
  };
  return {
    point,
    span: (start, end) => (end !== undefined && end > start ? { start: point(start), end: point(end) } : { start: point(start) }),
  };
}

/** Position of a character offset in plain text, 1-based. */
export function pointInText(text: string, offset: number): Point {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
