import { type Diagnostic, severityOf, sortDiagnostics } from './diagnostic.js';

export interface TextReportOptions {
  color?: boolean;
}

const COLORS = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m', reset: '\u001b[39m' } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Formats diagnostics as `file:line:column  severity  message  rule` lines and a summary line. */
export function reportText(diagnostics: readonly Diagnostic[], { color = false }: TextReportOptions = {}): string {
  const paint = (severity: keyof typeof COLORS, text: string) => (color ? `${COLORS[severity]}${text}${COLORS.reset}` : text);
  const lines = sortDiagnostics(diagnostics).map((d) => {
    const severity = severityOf(d);
    const where = d.line ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
    return `${where}  ${paint(severity, severity)}  ${d.reason}  ${d.ruleId ?? ''}`.trimEnd();
  });
  const errors = diagnostics.filter((d) => severityOf(d) === 'error').length;
  const warnings = diagnostics.filter((d) => severityOf(d) === 'warning').length;
  lines.push(`${paint('error', '✖')} ${plural(errors, 'error')}, ${paint('warning', '⚠')} ${plural(warnings, 'warning')}`);
  return lines.join('\n') + '\n';
}
