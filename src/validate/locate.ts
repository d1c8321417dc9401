import { isMap, isNode, isPair, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { Span } from '../diagnostics/diagnostic.js';
import type { ParsedYaml } from '../load/yaml.js';

/** Splits a JSON Pointer such as ajv's `instancePath` into its segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The key/value pair of `key` in a mapping. */
function pairOf(map: YAMLMap, key: string | number) {
  return map.items.find((pair) => isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(key));
}

function nodeAt(document: Document, segments: readonly (string | number)[]): Node | undefined {
  let node: unknown = document.contents;
  for (const segment of segments) {
    if (isMap(node)) {
      node = pairOf(node, segment)?.value;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
    } else {
      return undefined;
    }
  }
  return isNode(node) ? node : undefined;
}

/**
 * The span of the YAML node at a path of keys and indexes; with `key`, the span of that key
 * inside the mapping at the path. Falls back to the nearest enclosing node that exists.
 */
export function locate(yaml: ParsedYaml, segments: readonly (string | number)[], key?: string): Span {
  const { document, positions } = yaml;
  if (key !== undefined) {
    const map = nodeAt(document, segments);
    if (isMap(map)) {
      const pair = pairOf(map, key);
      if (pair && isNode(pair.key) && pair.key.range) return positions.span(pair.key.range[0], pair.key.range[1]);
    }
  }
  for (let depth = segments.length; depth >= 0; depth--) {
    const node = nodeAt(document, segments.slice(0, depth));
    if (node?.range) {
      // A mapping or sequence spans many lines: point at its first line only.
      const end = isMap(node) || isSeq(node) ? undefined : node.range[1];
      return positions.span(node.range[0], end);
    }
  }
  return { start: positions.point(0) };
}
