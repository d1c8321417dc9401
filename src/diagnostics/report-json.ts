import path from 'node:path';
import { type Diagnostic, severityOf, sortDiagnostics } from './diagnostic.js';

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
}

/**
 * Diagnostics as a JSON array sorted by file then position. Files are relative to `cwd` (the
 * diagnostics name them relative to it already; absolute names are made relative). A finding
 * without an end position ends where it starts.
 */
export function reportJson(diagnostics: readonly Diagnostic[], cwd = process.cwd()): string {
  const entries: JsonDiagnostic[] = sortDiagnostics(diagnostics).map((d) => {
    const file = d.file ?? '';
    const line = d.line ?? 1;
    const column = d.column ?? 1;
    return {
      file: (path.isAbsolute(file) ? path.relative(cwd, file) : file).split(path.sep).join('/'),
      line,
      column,
      endLine: d.place && 'end' in d.place ? d.place.end.line : line,
      endColumn: d.place && 'end' in d.place ? d.place.end.column : column,
      severity: severityOf(d),
      rule: d.ruleId ?? '',
      message: d.reason,
    };
  });
  return JSON.stringify(entries, null, 2) + '\n';
}
