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
 * Sources are shared between builds as they are: no stage edits a source (validation and
 * resolution read them; planning copies what it reshapes, as it plans each edition from one pack).
 */
export class SourceCache {
  private readonly entries = new Map<string, Entry>();
  /** Every path parsed rather than taken from the cache, in order: what an edit cost. */
  readonly parsed: string[] = [];

  /** The cached parse of `path` as it was from these bytes, if they have not changed. */
  get(path: string, file: string, bytes: Uint8Array): { source: Source; diagnostics: Diagnostic[] } | undefined {
    const entry = this.entries.get(path);
    if (!entry || entry.source.file !== file || !sameBytes(entry.bytes, bytes)) return undefined;
    return { source: entry.source, diagnostics: entry.diagnostics.map(copyDiagnostic) };
  }

  /** Keeps a source just parsed, with its diagnostics. */
  set(path: string, bytes: Uint8Array, source: Source, diagnostics: readonly Diagnostic[]): void {
    this.parsed.push(path);
    this.entries.set(path, { bytes, source, diagnostics: diagnostics.map(copyDiagnostic) });
  }

  /** Forgets the files no longer in the tree. */
  keepOnly(paths: ReadonlySet<string>): void {
    for (const path of this.entries.keys()) if (!paths.has(path)) this.entries.delete(path);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** A diagnostic's own copy: configuration may change a diagnostic's severity in place. */
function copyDiagnostic(d: Diagnostic): Diagnostic {
  return Object.assign(Object.create(Object.getPrototypeOf(d) as object) as Diagnostic, d);
}
