import { createHash } from 'node:crypto';
import type { Parent, Root, Text } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import { cacheTable } from '../cache/store.js';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective).freeze();

/**
 * Parses a whole Markdown file, front matter included, so every node's position is its place in
 * the file. Block directives (`::table{…}`) are part of the source format and are checked later;
 * a text directive such as `Note:important` is prose that happens to look like one, so it is
 * turned back into the text it was written as.
 */
export function parseMarkdown(text: string): Root {
  if (PLAIN.test(text)) return plainParagraph(text);
  const tree = parser.parse(text);
  visit(tree, (node, index, parent) => {
    // `:table{…}` written inline is kept, so that resolve can point the writer at `::table`.
    if (node.type === 'textDirective' && node.name !== 'table' && parent && index !== undefined) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      const literal: Text = { type: 'text', value: start !== undefined && end !== undefined ? text.slice(start, end) : '', position: node.position };
      parent.children.splice(index, 1, literal as never);
      return SKIP;
    }
    return undefined;
  });
  mergeAdjacentText(tree);
  return tree;
}

/** The packages whose versions stamp the kept trees: the parser, its tokenizer and tree builder, and each extension's. */
const PARSED_BY = ['unified', 'remark-parse', 'micromark', 'mdast-util-from-markdown', ...['gfm', 'directive', 'frontmatter'].flatMap((e) => [`remark-${e}`, `micromark-extension-${e}`, `mdast-util-${e}`])];

/**
 * A source file's tree: with the cache open (`src/cache/store.ts`), kept between runs by the
 * digest of the file's text, as JSON (a tree is plain data, and parsing is most of the time
 * spent reading a pack). Each run gets a tree of its own, since later stages annotate theirs.
 */
export function parseMarkdownFile(text: string): Root {
  const kept = cacheTable<string>('markdown', { packages: PARSED_BY, code: [import.meta.url], valid: (value): value is string => typeof value === 'string' });
  if (!kept) return parseMarkdown(text);
  const key = createHash('sha256').update(text).digest('base64url');
  const found = kept.get(key);
  if (found !== undefined) {
    try {
      const tree = JSON.parse(found) as Root;
      if (tree?.type === 'root' && Array.isArray(tree.children)) return tree;
    } catch {
      // A damaged entry is parsed again, and replaced.
    }
  }
  const tree = parseMarkdown(text);
  kept.set(key, JSON.stringify(tree));
  return tree;
}

/**
 * A one-line phrase that no Markdown construct can start in: it begins with a letter, digit or
 * opening bracket or quote (no list, heading or quote marker; no ordered-list number), has no
 * character that opens inline syntax, an entity, an autolink or a directive, no astral
 * characters (whose columns the parser counts differently), and no space at either end. Data
 * tables hold thousands of such cells, and the parser's fixed cost per call dwarfs the work.
 */
const PLAIN = /^(?!\d+[.)])[\p{L}\p{N}("'‘“][^\n\r\t*_`[\]<>!&#\\|~:@=+\uD800-\uDFFF]*(?<![\s])$/u;

/** What the parser makes of a plain phrase: one paragraph of one text node, with positions. */
function plainParagraph(text: string): Root {
  const position = () => ({ start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: text.length + 1, offset: text.length } });
  if (/www\./i.test(text)) return parser.parse(text);
  return { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text, position: position() }], position: position() }], position: position() };
}

/** The directive syntax splits text at every colon; join the pieces back into one text node. */
function mergeAdjacentText(tree: Root): void {
  visit(tree, (node) => {
    if (!('children' in node)) return;
    const parent = node as Parent;
    const merged: Parent['children'] = [];
    for (const child of parent.children) {
      const previous = merged.at(-1);
      if (child.type === 'text' && previous?.type === 'text') {
        previous.value += child.value;
        if (previous.position && child.position) previous.position = { start: previous.position.start, end: child.position.end };
      } else merged.push(child);
    }
    parent.children = merged;
  });
}

/** A URL fragment as text: `#caf%C3%A9` names the heading slug `café`. */
export function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
