import { VFileMessage } from 'vfile-message';

/** The one diagnostic type: a vfile message carrying file, place, rule id and severity. */
export type Diagnostic = VFileMessage;

export type Severity = 'error' | 'warning' | 'info';

export interface Point {
  line: number;
  column: number;
}

export interface Span {
  start: Point;
  end?: Point;
}

export interface DiagnosticInit {
  /** Path of the source, relative to the content directory's parent as the user named it. */
  file: string;
  /** Where in the file; problems with the file as a whole are reported at 1:1. */
  span?: Span;
  severity?: Severity;
  /** Rule id, e.g. `yaml-syntax` or `unknown-reference`. */
  rule: string;
  message: string;
}

const FATAL: Record<Severity, boolean | undefined> = { error: true, warning: false, info: undefined };

export function diagnostic({ file, span, severity = 'error', rule, message }: DiagnosticInit): Diagnostic {
  const { start, end } = span ?? { start: { line: 1, column: 1 } };
  const place = end ? { start, end } : start;
  const d = new VFileMessage(message, { place, ruleId: rule, source: 'ogp-pack' });
  d.file = file;
  d.fatal = FATAL[severity];
  return d;
}

/** Changes a diagnostic's severity, as configuration does. */
export function setSeverity(d: Diagnostic, severity: Severity): void {
  d.fatal = FATAL[severity];
}

export function severityOf(d: Diagnostic): Severity {
  return d.fatal === true ? 'error' : d.fatal === false ? 'warning' : 'info';
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.fatal === true);
}

/** Sort by file, then position, so reports are stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      byCodePoint(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      byCodePoint(a.ruleId ?? '', b.ruleId ?? ''),
  );
}

/** Compares strings by code point: the same order on every machine, whatever its locale. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
