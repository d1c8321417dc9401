/**
 * The paper's front matter: its id and status as given, its title, and its date and authors from
 * the document's core properties (`docProps/core.xml`) where Word recorded them.
 */
import { stringify as stringifyYaml } from 'yaml';
import type { DocxParts } from './package.js';
import { childrenOf, descendants, parseXml } from './xml.js';

export interface CoreProperties {
  title?: string;
  authors?: string[];
  /** YYYY-MM-DD. */
  date?: string;
}

export type PaperStatus = 'included' | 'withheld' | 'at-meeting' | 'to-follow';

export interface PaperFrontMatter {
  id: string;
  title: string;
  status: PaperStatus;
  reason?: string;
  date?: string;
  authors?: string[];
}

const text = (nodes: ReturnType<typeof parseXml>, name: string): string | undefined => {
  const node = descendants(nodes, name)[0];
  const value = node ? childrenOf(node).map((c) => String(c['#text'] ?? '')).join('').replace(/\s+/g, ' ').trim() : '';
  return value === '' ? undefined : value;
};

export function coreProperties(parts: DocxParts): CoreProperties {
  const core = parseXml(parts, 'docProps/core.xml');
  const properties = descendants(core, 'cp:coreProperties')[0];
  if (!properties) return {};
  const nodes = [properties];
  const title = text(nodes, 'dc:title');
  // Word joins several authors with semicolons.
  const authors = text(nodes, 'dc:creator')?.split(';').map((a) => a.trim()).filter((a) => a !== '');
  const stamp = text(nodes, 'dcterms:created') ?? text(nodes, 'dcterms:modified');
  const date = stamp && /^\d{4}-\d{2}-\d{2}/.test(stamp) ? stamp.slice(0, 10) : undefined;
  return { ...(title ? { title } : {}), ...(authors && authors.length > 0 ? { authors } : {}), ...(date ? { date } : {}) };
}

export function frontMatterText(front: PaperFrontMatter): string {
  return `---\n${stringifyYaml(front, { lineWidth: 0 })}---\n`;
}
