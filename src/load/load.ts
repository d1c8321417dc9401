import type { Root } from 'mdast';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceTree } from '../io/source-tree.js';
import { decodeSource } from './decode.js';
import { splitFrontMatter } from './front-matter.js';
import { parseMarkdown } from './markdown.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

export type SourceKind = 'meeting' | 'session' | 'paper' | 'person' | 'working-group' | 'data';

/** One source file, parsed but not yet validated. */
export interface Source {
  kind: SourceKind;
  /** Path relative to the content directory, POSIX separators. */
  path: string;
  /** Path as diagnostics print it. */
  file: string;
  text: string;
  /** The YAML file, or the Markdown file's front matter; absent when unparseable or missing. */
  yaml?: ParsedYaml;
  /** The Markdown file's syntax tree (front matter node included); absent for YAML files. */
  markdown?: Root;
}

export interface Loaded {
  sources: Source[];
  diagnostics: Diagnostic[];
}

/** Where each kind of source lives in a content directory. */
const LAYOUT: { kind: SourceKind; pattern: RegExp }[] = [
  { kind: 'meeting', pattern: /^meeting\.ya?ml$/ },
  { kind: 'session', pattern: /^sessions\/[^/]+\.ya?ml$/ },
  { kind: 'paper', pattern: /^papers\/[^/]+\.md$/ },
  { kind: 'person', pattern: /^people\/[^/]+\.md$/ },
  { kind: 'working-group', pattern: /^working-groups\/[^/]+\.md$/ },
  { kind: 'data', pattern: /^data\/[^/]+\.ya?ml$/ },
];

const SOURCE_LIKE = /\.(md|ya?ml)$/;
const HIDDEN = /(^|\/)\./;

export function sourceKind(path: string): SourceKind | undefined {
  return LAYOUT.find((entry) => entry.pattern.test(path))?.kind;
}

/** Reads every source of a content directory: decoding, YAML and Markdown parsing, with positions. */
export async function loadSources(tree: SourceTree): Promise<Loaded> {
  const diagnostics: Diagnostic[] = [];
  const sources: Source[] = [];
  const paths = (await tree.list()).filter((p) => !HIDDEN.test(p));
  const display = (p: string) => (tree.label === '.' || tree.label === '' ? p : `${tree.label}/${p}`);

  if (!paths.some((p) => sourceKind(p) === 'meeting')) {
    diagnostics.push(diagnostic({ file: display('meeting.yaml'), rule: 'missing-meeting', message: 'No meeting.yaml: every content directory needs one, with the meeting\'s title, dates, venue, sessions and editions. `ogp-pack check` expects a content directory such as `content/`.' }));
  }

  for (const path of paths) {
    const kind = sourceKind(path);
    const file = display(path);
    if (!kind) {
      if (SOURCE_LIKE.test(path) && path !== 'README.md') {
        diagnostics.push(diagnostic({ file, severity: 'warning', rule: 'unknown-source', message: 'Not part of the pack: sources belong in meeting.yaml, sessions/, papers/, people/, working-groups/ or data/.' }));
      }
      continue;
    }
    const decoded = decodeSource(file, await tree.read(path));
    if ('diagnostic' in decoded) {
      // Kept without content, so references to it are not reported as unknown as well.
      diagnostics.push(decoded.diagnostic);
      sources.push({ kind, path, file, text: '' });
      continue;
    }
    const { text } = decoded;
    const source: Source = { kind, path, file, text };
    if (path.endsWith('.md')) {
      const front = splitFrontMatter(file, text);
      diagnostics.push(...front.diagnostics);
      source.yaml = front.yaml;
      source.markdown = parseMarkdown(text);
      if (!front.yaml && front.diagnostics.length === 0) {
        diagnostics.push(diagnostic({ file, span: { start: { line: 1, column: 1 } }, rule: 'front-matter', message: 'Missing front matter: start the file with a `---` line, the YAML fields (`id`, `title`, …), and a closing `---` line.' }));
      }
    } else {
      const parsed = parseYaml(file, text);
      diagnostics.push(...parsed.diagnostics);
      source.yaml = parsed.yaml;
    }
    sources.push(source);
  }
  return { sources, diagnostics };
}
