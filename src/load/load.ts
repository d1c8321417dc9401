import type { Root } from 'mdast';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { OUTSIDE, type SourceTree } from '../io/source-tree.js';
import type { SourceCache } from './cache.js';
import { decodeSource } from './decode.js';
import { splitFrontMatter } from './front-matter.js';
import { fileSizeProblem, lineLengthProblem, markdownNestingProblem, markdownShapeProblems } from './limits.js';
import { parseMarkdownFile } from './markdown.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

/**
 * The kinds of source, where their files live, their schema (data files name theirs in
 * `kind`), and their id space: papers and working-group sheets share one, since agenda items
 * list either as background papers.
 */
export const SOURCE_KINDS = {
  meeting: { pattern: /^meeting\.ya?ml$/, schema: 'meeting', ids: undefined },
  session: { pattern: /^sessions\/[^/]+\.ya?ml$/, schema: 'session', ids: 'session' },
  paper: { pattern: /^papers\/[^/]+\.md$/, schema: 'paper', ids: 'document' },
  person: { pattern: /^people\/[^/]+\.md$/, schema: 'person', ids: 'person' },
  'working-group': { pattern: /^working-groups\/[^/]+\.md$/, schema: 'working-group', ids: 'document' },
  data: { pattern: /^data\/[^/]+\.ya?ml$/, schema: undefined, ids: 'data' },
} as const;

export type SourceKind = keyof typeof SOURCE_KINDS;

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

const SOURCE_LIKE = /\.(md|ya?ml)$/;
/** Files of the content directory that are not pack sources: its readme, the check configuration and the pack's layout. */
const NOT_SOURCES = new Set(['README.md', 'check.yaml', 'layout.yaml']);
const HIDDEN = /(^|\/)\./;
/** A meeting's own `out/`, where a build from the meeting's folder writes: outputs, never sources. */
export const OUTPUT_DIRECTORY = 'out';

export function sourceKind(path: string): SourceKind | undefined {
  return (Object.keys(SOURCE_KINDS) as SourceKind[]).find((kind) => SOURCE_KINDS[kind].pattern.test(path));
}

/**
 * Reads every source of a content directory: decoding, YAML and Markdown parsing, with positions.
 * With a cache, a file whose bytes are unchanged since the last load is not parsed again.
 */
export async function loadSources(tree: SourceTree, cache?: SourceCache): Promise<Loaded> {
  const diagnostics: Diagnostic[] = [];
  const sources: Source[] = [];
  const paths = (await tree.list()).filter((p) => !HIDDEN.test(p) && !p.startsWith(`${OUTPUT_DIRECTORY}/`));
  const display = (p: string) => (tree.label === '.' || tree.label === '' ? p : `${tree.label}/${p}`);

  const outside = ((await tree.outside?.()) ?? []).filter((p) => !HIDDEN.test(p));
  if (![...paths, ...outside].some((p) => sourceKind(p) === 'meeting')) {
    diagnostics.push(diagnostic({ file: display('meeting.yaml'), rule: 'missing-meeting', message: "No meeting.yaml: every content directory needs one, with the meeting's title, dates, venue, sessions and editions." }));
  }

  for (const path of outside) {
    diagnostics.push(outsideContent(display(path)));
    const kind = sourceKind(path);
    // Listed without text, so references to it are not reported as unknown too.
    if (kind) sources.push({ kind, path, file: display(path), text: '' });
  }

  const reads = await readAll(tree, paths.filter((p) => sourceKind(p)));
  for (const path of paths) {
    const kind = sourceKind(path);
    const file = display(path);
    if (!kind) {
      if (SOURCE_LIKE.test(path) && !NOT_SOURCES.has(path)) {
        diagnostics.push(diagnostic({ file, severity: 'warning', rule: 'unknown-source', message: 'Not part of the pack: sources belong in meeting.yaml, sessions/, papers/, people/, working-groups/ or data/.' }));
      }
      continue;
    }
    const source = loadSource(reads.get(path)!, kind, path, file, diagnostics, cache);
    sources.push(source);
  }
  cache?.keepOnly(new Set(paths));
  sources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { sources, diagnostics };
}

/** A link that leads outside the content directory; nothing of its target is named or quoted, since logs may be public. */
function outsideContent(file: string): Diagnostic {
  return diagnostic({
    file,
    rule: 'outside-content',
    message: 'This is a symbolic link to a file outside the content directory, and ogp-pack reads only files inside it. Copy the file into the content directory in place of the link.',
  });
}

type Read = { bytes: Uint8Array } | { error: unknown };

/** Files read at a time: enough to keep the disk busy, few enough for any open-file limit. */
const READ_AHEAD = 64;

/** Reads the files many at a time (one after another, a large pack's load waited mostly on reads). */
async function readAll(tree: SourceTree, paths: readonly string[]): Promise<Map<string, Read>> {
  const reads = new Map<string, Read>();
  for (let i = 0; i < paths.length; i += READ_AHEAD) {
    const batch = paths.slice(i, i + READ_AHEAD);
    const results = await Promise.all(batch.map((p) => tree.read(p).then((bytes): Read => ({ bytes }), (error: unknown): Read => ({ error }))));
    batch.forEach((p, k) => reads.set(p, results[k]!));
  }
  return reads;
}

function loadSource(read: Read, kind: SourceKind, path: string, file: string, diagnostics: Diagnostic[], cache?: SourceCache): Source {
  if ('error' in read) {
    if ((read.error as { code?: unknown }).code === OUTSIDE) {
      diagnostics.push(outsideContent(file));
      return { kind, path, file, text: '' };
    }
    // A source that cannot be read is still listed, so references to it are not reported as unknown too.
    diagnostics.push(diagnostic({ file, rule: 'read-error', message: `Cannot read this file: ${(read.error as Error).message}. Check that it exists and is readable.` }));
    return { kind, path, file, text: '' };
  }
  const { bytes } = read;
  const cached = cache?.get(path, file, bytes);
  if (cached) {
    diagnostics.push(...cached.diagnostics);
    return cached.source;
  }
  const own: Diagnostic[] = [];
  const source = parseSource(kind, path, file, bytes, own);
  cache?.set(path, bytes, source, own);
  diagnostics.push(...own);
  return source;
}

function parseSource(kind: SourceKind, path: string, file: string, bytes: Uint8Array, diagnostics: Diagnostic[]): Source {
  const unreadable = { kind, path, file, text: '' };
  const tooBig = fileSizeProblem(file, bytes);
  if (tooBig) {
    diagnostics.push(tooBig);
    return unreadable;
  }
  const decoded = decodeSource(file, bytes);
  if ('diagnostic' in decoded) {
    diagnostics.push(decoded.diagnostic);
    return unreadable;
  }
  const { text } = decoded;
  const longLine = lineLengthProblem(file, text);
  if (longLine) {
    diagnostics.push(longLine);
    return unreadable;
  }
  if (!path.endsWith('.md')) {
    const parsed = parseYaml(file, text);
    diagnostics.push(...parsed.diagnostics);
    return { kind, path, file, text, yaml: parsed.yaml };
  }

  const front = splitFrontMatter(file, text);
  diagnostics.push(...front.diagnostics);
  // The body is not parsed when it has a shape the parser would spend minutes on; front matter still counts.
  const shape = markdownShapeProblems(file, text);
  if (shape.length > 0) {
    diagnostics.push(...shape);
    return { kind, path, file, text, yaml: front.yaml };
  }
  const markdown = parseMarkdownFile(text);
  const tooDeep = markdownNestingProblem(file, markdown);
  if (tooDeep) {
    diagnostics.push(tooDeep);
    return { kind, path, file, text, yaml: front.yaml };
  }
  if (front.text !== undefined && !sameFrontMatter(front.text, markdown)) {
    // gray-matter ends front matter at any line starting with "---"; Markdown only at a bare "---".
    diagnostics.push(diagnostic({ file, rule: 'front-matter', message: 'Front matter must close with a line of exactly `---`; a line such as `---x` or `--- ---` is ambiguous. Fix the closing line.' }));
    return { kind, path, file, text };
  }
  if (!front.yaml && front.diagnostics.length === 0) {
    diagnostics.push(
      diagnostic({
        file,
        rule: 'front-matter',
        message: `Missing front matter: start the file with a \`---\` line, the ${kind} fields (see schemas/${SOURCE_KINDS[kind].schema}.schema.json), and a closing \`---\` line.`,
      }),
    );
  }
  return { kind, path, file, text, yaml: front.yaml, markdown };
}

/** Whether the Markdown parser saw the same front matter block as gray-matter. */
function sameFrontMatter(grayMatter: string, markdown: Root): boolean {
  const first = markdown.children[0];
  const normalise = (s: string) => s.replace(/\r/g, '').replace(/^\n/, '').replace(/\n$/, '');
  return first?.type === 'yaml' && normalise(first.value) === normalise(grayMatter);
}
