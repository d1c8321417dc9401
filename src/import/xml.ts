/**
 * The package's XML parts as ordered trees (fast-xml-parser's `preserveOrder` form), read and
 * written through the parser's public API only: a node is `{ name: children, ':@': attributes }`,
 * text is `{ '#text': … }`, and element order and white space are kept, so a part written back
 * after a run is taken out says everything else as before.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = Record<string, unknown>;

const OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  // Character references (`&#39;`, which pandoc writes) as well as the five named entities.
  htmlEntities: true,
} as const;

/** A part that is not well-formed XML; the parser alone would read it leniently, as something else. */
export class XmlError extends Error {}

/** The part `name` of the package as a tree; none when the package has no such part. */
export function parseXml(parts: ReadonlyMap<string, Uint8Array>, name: string): XmlNode[] {
  const bytes = parts.get(name);
  if (!bytes) return [];
  const text = new TextDecoder().decode(bytes);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlError(`its part ${name} is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  try {
    return new XMLParser(OPTIONS).parse(text) as XmlNode[];
  } catch (error) {
    // The validator and the parser do not agree on every damaged file.
    throw new XmlError(`its part ${name} is not well-formed XML (${(error as Error).message})`);
  }
}

export function buildXml(nodes: XmlNode[]): Uint8Array {
  return new TextEncoder().encode(new XMLBuilder({ ...OPTIONS, suppressEmptyNode: true }).build(nodes) as string);
}

/** The element's qualified name, e.g. `w:p`; undefined for text. */
export function nameOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text');
}

export function childrenOf(node: XmlNode): XmlNode[] {
  const name = nameOf(node);
  return name === undefined ? [] : ((node[name] as XmlNode[] | undefined) ?? []);
}

export function attribute(node: XmlNode, name: string): string | undefined {
  const attributes = node[':@'] as Record<string, string> | undefined;
  return attributes?.[name];
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return childrenOf(node).find((c) => nameOf(c) === name);
}

/** Every element named `name` under `nodes`, in document order. */
export function descendants(nodes: XmlNode[], name: string): XmlNode[] {
  const found: XmlNode[] = [];
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (nameOf(node) === name) found.push(node);
    stack.push(...[...childrenOf(node)].reverse());
  }
  return found;
}

/** The text of the runs under `node`, as Word shows it (tabs as spaces, deleted text left out). */
export function textOf(node: XmlNode): string {
  const name = nameOf(node);
  if (name === undefined) return '';
  if (name === 'w:t') return childrenOf(node).map((c) => String(c['#text'] ?? '')).join('');
  if (name === 'w:tab') return ' ';
  if (name === 'w:del' || name === 'w:moveFrom' || name === 'w:instrText') return '';
  return childrenOf(node).map(textOf).join('');
}
