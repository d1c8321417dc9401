import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Source } from './load.js';

interface Entry {
  bytes: Uint8Array;
  source: Source;
  diagnostics: Diagnostic[];
}

/**
 * Parsed sources kept between builds of the same content directory (`ogp-pack watch`), keyed by
 * path and reused while the file's bytes are unchanged, so an edit re-parses only the edited file.
 *
 * The cache keeps its own copies of the Markdown tree and the YAML value, and hands out copies:
 * validation and resolution only read sources, but the layout edits the biography nodes it
 * borrows from people's trees (heading levels and anchors, `#` links), and one build's edits
 * must not reach the next. The YAML document and position map are only read, so they are shared.
 */
export class SourceCache {
  private readonly entries = new Map<string, Entry>();
  /** Every path parsed rather than taken from the cache, in order: what an edit cost. */
  readonly parsed: string[] = [];

  /** The cached parse of `path` as it was from these bytes, if they have not changed. */
  get(path: string, file: string, bytes: Uint8Array): { source: Source; diagnostics: Diagnostic[] } | undefined {
    const entry = this.entries.get(path);
    if (!entry || entry.source.file !== file || !sameBytes(entry.bytes, bytes)) return undefined;
    return { source: copySource(entry.source), diagnostics: entry.diagnostics.map(copyDiagnostic) };
  }

  /** Keeps a copy of a source just parsed: the build goes on with the original, and may edit it. */
  set(path: string, bytes: Uint8Array, source: Source, diagnostics: readonly Diagnostic[]): void {
    this.parsed.push(path);
    this.entries.set(path, { bytes: Uint8Array.from(bytes), source: copySource(source), diagnostics: diagnostics.map(copyDiagnostic) });
  }

  /** Forgets the files no longer in the tree. */
  keepOnly(paths: ReadonlySet<string>): void {
    for (const path of this.entries.keys()) if (!paths.has(path)) this.entries.delete(path);
  }
}

/** The parts of a source a stage could edit, copied; the YAML document and position map are shared. */
function copySource(source: Source): Source {
  const copy: Source = { ...source };
  if (source.markdown) copy.markdown = structuredClone(source.markdown);
  if (source.yaml) copy.yaml = { ...source.yaml, value: structuredClone(source.yaml.value) };
  return copy;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** A diagnostic's own copy: configuration may change a diagnostic's severity in place. */
function copyDiagnostic(d: Diagnostic): Diagnostic {
  return Object.assign(Object.create(Object.getPrototypeOf(d) as object) as Diagnostic, d);
}
