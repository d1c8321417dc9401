/**
 * The limits every source is held to before and after parsing. The parsers' work grows faster
 * than the input on some shapes (deep lists and quotes, unmatched emphasis marks), and the
 * stages after them walk trees recursively; these bounds keep any input to seconds and to well
 * under a gigabyte, while leaving far more room than real packs use (see README, Limits).
 */
import type { Nodes, Root } from 'mdast';
import { Parser, type CST } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

export const LIMITS = {
  /** Bytes in one source file: a 300-page report in Markdown is about 1 MB. */
  fileBytes: 2 * 1024 * 1024,
  /** Characters of YAML in one file (a YAML file or a Markdown file's front matter): the YAML parser reads about half a megabyte a second of hostile text. */
  yamlCharacters: 1024 * 1024,
  /** Characters in one line: a long paragraph kept on one line is a few thousand. */
  lineCharacters: 100_000,
  /** Levels of lists and block quotes, of emphasis and links, and of YAML collections. */
  nesting: 50,
  /** Levels of lists within lists: Word has nine list levels. */
  listNesting: 9,
  /** `*` and `_` marks in one paragraph: the parser matches them in time that grows with their square. */
  emphasisPerParagraph: 1_000,
  /** `*` and `_` marks in one file's paragraphs of more than 100 of them, for the same reason. */
  emphasisPerFile: 20_000,
} as const;

const number = (n: number) => n.toLocaleString('en');

/** A source larger than `LIMITS.fileBytes`; it is not decoded or parsed at all. */
export function fileSizeProblem(file: string, bytes: Uint8Array): Diagnostic | undefined {
  if (bytes.byteLength <= LIMITS.fileBytes) return undefined;
  return diagnostic({
    file,
    rule: 'file-size',
    message: `This file is ${number(bytes.byteLength)} bytes; a source may be at most ${number(LIMITS.fileBytes)} bytes (2 MB). Split it into several papers, or move tables into data files.`,
  });
}

/** YAML text longer than `LIMITS.yamlCharacters`; it is not parsed. */
export function yamlSizeProblem(file: string, text: string): Diagnostic | undefined {
  if (text.length <= LIMITS.yamlCharacters) return undefined;
  return diagnostic({
    file,
    rule: 'file-size',
    message: `This file's YAML is ${number(text.length)} characters; YAML may be at most ${number(LIMITS.yamlCharacters)} characters (1 MB) in one file. Split the data into several files.`,
  });
}

/** The first line longer than `LIMITS.lineCharacters`. */
export function lineLengthProblem(file: string, text: string): Diagnostic | undefined {
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    if (stop - start > LIMITS.lineCharacters) {
      return diagnostic({
        file,
        span: { start: { line, column: LIMITS.lineCharacters + 1 } },
        rule: 'line-length',
        message: `Line ${line} has ${number(stop - start)} characters; a line may have at most ${number(LIMITS.lineCharacters)}. Break it into paragraphs or lines (a single line break inside a paragraph does not show).`,
      });
    }
    if (end === -1) break;
    start = end + 1;
    line++;
  }
  return undefined;
}

export const nestingMessage = (what: string) => `${what} nest more than ${LIMITS.nesting} levels deep here, the most a source may have. Flatten the structure; no real document needs so many levels.`;

/** A list marker (`-`, `*`, `+`, `1.`, `1)`) followed by a space, a tab or the end of the line. */
function listMarkerLength(line: string, at: number): number {
  const c = line[at];
  let end = at;
  if (c === '-' || c === '*' || c === '+') end = at + 1;
  else {
    while (end < line.length && end - at < 9 && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57) end++;
    if (end === at || (line[end] !== '.' && line[end] !== ')')) return 0;
    end++;
  }
  return end === line.length || line[end] === ' ' || line[end] === '\t' ? end - at : 0;
}

/**
 * Markdown shapes that make the parser's work grow faster than the text, found without parsing:
 * lines whose list and quote markers and indentation (two columns a level) add up past the
 * nesting limit, and paragraphs with too many emphasis marks. It overestimates (an indented code
 * block counts its indentation), which only matters far beyond what real documents do.
 */
export function markdownShapeProblems(file: string, text: string): Diagnostic[] {
  let marks = 0;
  let paragraphStart = 0;
  let heavyMarks = 0;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    let at = 0;
    let columns = 0;
    let depth = 0;
    let opensBlock = false;
    let deepAt = -1;
    // Container prefixes: indentation, `>` quote markers and list markers, in any order.
    for (;;) {
      if (deepAt === -1 && depth + Math.floor(columns / 2) > LIMITS.nesting) deepAt = at;
      if (line[at] === ' ') columns += 1;
      else if (line[at] === '\t') columns += 4 - (columns % 4);
      else if (line[at] === '>') {
        depth++;
        // The space after a marker belongs to it, not to the indentation.
        if (line[at + 1] === ' ') at++;
      } else {
        const marker = listMarkerLength(line, at);
        if (marker === 0) break;
        depth++;
        opensBlock = true;
        at += marker;
        if (line[at] === ' ') at++;
        continue;
      }
      at++;
    }
    // A line of markers alone (`1. 1. 1.`, `> > >`) nests as deep as one with text after them.
    const blank = at === line.length && depth === 0;
    if (deepAt === -1 && depth + Math.floor(columns / 2) > LIMITS.nesting) deepAt = at;
    if (depth > 0 && deepAt !== -1) {
      return [diagnostic({ file, span: { start: { line: n + 1, column: deepAt } }, rule: 'nesting-depth', message: nestingMessage('Lists and block quotes') })];
    }
    if (blank || opensBlock || line[at] === '#') {
      if (marks > 100) heavyMarks += marks;
      marks = 0;
      paragraphStart = n;
    }
    for (let i = at; i < line.length; i++) {
      const c = line[i];
      if ((c === '*' || c === '_') && line[i - 1] !== c) marks++;
    }
    if (marks > LIMITS.emphasisPerParagraph) {
      return [
        diagnostic({
          file,
          span: { start: { line: paragraphStart + 1, column: 1 } },
          rule: 'emphasis-marks',
          message: `This paragraph has more than ${number(LIMITS.emphasisPerParagraph)} runs of \`*\` or \`_\`, the most one paragraph may have. Split the paragraph, or write a literal \`*\` or \`_\` as \`\\*\` or \`\\_\`.`,
        }),
      ];
    }
  }
  if (marks > 100) heavyMarks += marks;
  if (heavyMarks > LIMITS.emphasisPerFile) {
    return [
      diagnostic({
        file,
        rule: 'emphasis-marks',
        message: `This file's paragraphs of more than 100 runs of \`*\` or \`_\` have ${number(heavyMarks)} of them, more than the ${number(LIMITS.emphasisPerFile)} a file may have. Split the file, or write a literal \`*\` or \`_\` as \`\\*\` or \`\\_\`.`,
      }),
    ];
  }
  return [];
}

/** Inline and block nodes that nest: list items count with their list. */
const NESTS = new Set(['list', 'blockquote', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'footnoteDefinition', 'containerDirective']);

/** The first node nested deeper than the limit, found without recursion, so that later stages may recurse. */
export function markdownNestingProblem(file: string, tree: Root): Diagnostic | undefined {
  const stack: [Nodes, number, number][] = [[tree, 0, 0]];
  while (stack.length > 0) {
    const [node, depth, lists] = stack.pop()!;
    const own = NESTS.has(node.type) ? depth + 1 : depth;
    const ownLists = node.type === 'list' ? lists + 1 : lists;
    if (own > LIMITS.nesting || ownLists > LIMITS.listNesting) {
      const start = node.position?.start;
      const message = own > LIMITS.nesting ? nestingMessage('Lists, block quotes, emphasis and links') : `Lists nest more than ${LIMITS.listNesting} levels deep here, and a Word document has at most ${LIMITS.listNesting} list levels. Flatten the list.`;
      return diagnostic({ file, span: start && { start: { line: start.line, column: start.column } }, rule: 'nesting-depth', message });
    }
    if ('children' in node) for (const child of node.children) stack.push([child as Nodes, own, ownLists]);
  }
  return undefined;
}

/** How far past the limit a rough estimate may go before the exact measure is left out. */
const YAML_ROUGH_FACTOR = 2;

/**
 * Lines whose YAML nesting is certainly far too deep, found without the parser, whose own work
 * grows with depth times length (3 MB of `- - - …` lines took it 18 s). A line's depth is at
 * most its indentation plus its leading `-`/`?` indicators plus the flow brackets open on it; a
 * line starting with an indicator at over twice the limit is reported here. Lines of block
 * text rarely start with `-` that deep, and the exact measure below decides every other case.
 */
function yamlRoughDepthOffset(text: string): number | undefined {
  let flow = 0;
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start) === -1 ? text.length : text.indexOf('\n', start);
    let at = start;
    while (at < end && text[at] === ' ') at++;
    let indicators = 0;
    while (at < end && (text[at] === '-' || text[at] === '?') && (text[at + 1] === ' ' || at + 1 === end)) {
      indicators++;
      at += 2;
      while (at < end && text[at] === ' ') at++;
    }
    let deepest = flow;
    for (let i = at; i < end; i++) {
      const c = text[i];
      if (c === '[' || c === '{') deepest = Math.max(deepest, ++flow);
      else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    const estimate = at - start - 2 * indicators + indicators + deepest;
    if ((indicators > 0 || deepest > 0) && estimate > YAML_ROUGH_FACTOR * LIMITS.nesting) return at > end ? end : at;
    start = end + 1;
  }
  return undefined;
}

/**
 * YAML collections nested deeper than the limit, measured on the parser's concrete syntax tree
 * (built without recursion) before the document is composed, which recurses and would overflow.
 * Returns the offset of the first collection too deep.
 */
export function yamlNestingOffset(text: string): number | undefined {
  const rough = yamlRoughDepthOffset(text);
  if (rough !== undefined) return rough;
  const stack: [CST.Token | undefined, number][] = [];
  for (const token of new Parser().parse(text)) stack.push([token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (!token) continue;
    const collection = token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
    const own = collection ? depth + 1 : depth;
    if (own > LIMITS.nesting) return token.offset;
    if (token.type === 'document') stack.push([token.value, own]);
    else if (token.type === 'block-map' || token.type === 'block-seq') {
      for (const item of token.items) stack.push([item.key ?? undefined, own], [item.value, own]);
    } else if (token.type === 'flow-collection') {
      for (const item of token.items) stack.push([item.key ?? undefined, own], [item.value, own]);
    }
  }
  return undefined;
}
