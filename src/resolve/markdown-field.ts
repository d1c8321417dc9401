/**
 * A Markdown string of a YAML source (an agenda description, note or question) parsed once, with
 * every node's position moved from the string onto the file, as a paper body's positions are.
 */
import type { Root } from 'mdast';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';
import { isScalar } from 'yaml';
import { align } from '../check/text.js';
import { parseMarkdown } from '../load/markdown.js';
import type { Source } from '../load/load.js';

/** Parses `value`, the string at `path` of the source's YAML; positions are the file's own. */
export function markdownField(source: Source, path: readonly (string | number)[], value: string): Root {
  const tree = parseMarkdown(value);
  const node = source.yaml?.document.getIn(path, true);
  if (!source.yaml || !isScalar(node) || !node.range) {
    visit(tree, (n) => void delete n.position);
    return tree;
  }
  const { positions } = source.yaml;
  // `align` walks the file's characters, skipping what YAML adds (quotes, indentation, escapes).
  const offsets = align(source.text, node.range[0], node.range[1], value);
  const fileOffset = (offset: number) => (offset < offsets.length ? offsets[offset]! : (offsets.at(-1) ?? node.range![0]) + 1);
  visit(tree, (n) => {
    if (!n.position) return;
    const start = fileOffset(n.position.start.offset ?? 0);
    const end = Math.max(start, fileOffset(Math.max(0, (n.position.end.offset ?? 0) - 1)) + 1);
    n.position = { start: { ...positions.point(start), offset: start }, end: { ...positions.point(end), offset: end } } satisfies Position;
  });
  return tree;
}
