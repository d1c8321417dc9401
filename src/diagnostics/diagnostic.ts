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
  /** Where in the file; omitted for problems with the file as a whole. */
  span?: Span;
  severity?: Severity;
  /** Rule id, e.g. `yaml-syntax` or `unknown-reference`. */
  rule: string;
  message: string;
}

const FATAL: Record<Severity, boolean | undefined> = { error: true, warning: false, info: undefined };

export function diagnostic({ file, span, severity = 'error', rule, message }: DiagnosticInit): Diagnostic {
  const place = span ? (span.end ? { start: span.start, end: span.end } : span.start) : undefined;
  const d = new VFileMessage(message, { place, ruleId: rule, source: 'ogp-pack' });
  d.file = file;
  d.fatal = FATAL[severity];
  return d;
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
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      (a.ruleId ?? '').localeCompare(b.ruleId ?? ''),
  );
}
