import type { Parent, Root, Text } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective).freeze();

/**
 * Parses a whole Markdown file, front matter included, so every node's position is its place in
 * the file. Block directives (`::table{…}`) are part of the source format and are checked later;
 * a text directive such as `Note:important` is prose that happens to look like one, so it is
 * turned back into the text it was written as.
 */
export function parseMarkdown(text: string): Root {
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
