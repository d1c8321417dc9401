/**
 * Which links the pack writes as live links. A reader's PDF viewer or word processor follows
 * them on a click, so only web and mail addresses and the pack's own anchors are live; any other
 * scheme (`javascript:`, `file:`, `data:`…) or a relative path is printed as its text. `check`
 * reports such links (`malformed-url`); this is the guarantee when its findings are turned off.
 */
import type { Definition, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';

const LIVE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** Whether a link target may be written as a live link: `#anchor`, or an http, https or mailto address. */
export function isLiveTarget(url: string): boolean {
  if (url.startsWith('#')) return true;
  // The scheme must be written plainly at the start: URL parsing forgives tabs and newlines inside it.
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme || !LIVE_SCHEMES.has(scheme)) return false;
  try {
    return LIVE_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * Decides every link of a tree: a reference link (`[text][ref]`) becomes a link to its
 * definition's target, and a link whose target may not be live becomes its text. Renderers then
 * draw every `link` they receive as a link.
 */
export function decideLinks(tree: Root): void {
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (definition: Definition) => void definitions.set(definition.identifier, definition));
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined) return undefined;
    if (node.type === 'linkReference') {
      const definition = definitions.get(node.identifier);
      if (definition && isLiveTarget(definition.url)) {
        parent.children[index] = { type: 'link', url: definition.url, title: definition.title, children: node.children, ...(node.position ? { position: node.position } : {}) } as never;
        return undefined;
      }
      parent.children.splice(index, 1, ...(node.children as never[]));
      return [SKIP, index];
    }
    if (node.type === 'link' && !isLiveTarget(node.url)) {
      parent.children.splice(index, 1, ...(node.children as never[]));
      return [SKIP, index];
    }
    return undefined;
  });
}
