import { type Diagnostic, severityOf, sortDiagnostics } from './diagnostic.js';

export interface TextReportOptions {
  color?: boolean;
}

const COLORS = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m', dim: '\u001b[2m', reset: '\u001b[39m', undim: '\u001b[22m' } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Formats diagnostics as `file:line:column  severity  message  rule` lines, grouped by file with a
 * blank line between files, then a summary line `✖ N errors, ⚠ N warnings`. Information (such as
 * the papers to be circulated at the meeting) follows the summary, one `ℹ` line each.
 */
export function reportText(diagnostics: readonly Diagnostic[], { color = false }: TextReportOptions = {}): string {
  const paint = (severity: 'error' | 'warning' | 'info', text: string) => (color ? `${COLORS[severity]}${text}${COLORS.reset}` : text);
  const dim = (text: string) => (color ? `${COLORS.dim}${text}${COLORS.undim}` : text);
  const where = (d: Diagnostic) => (d.line ? `${d.file}:${d.line}:${d.column ?? 1}` : (d.file ?? ''));
  const sorted = sortDiagnostics(diagnostics);
  const problems = sorted.filter((d) => severityOf(d) !== 'info');
  const infos = sorted.filter((d) => severityOf(d) === 'info');

  const lines: string[] = [];
  problems.forEach((d, i) => {
    if (i > 0 && problems[i - 1]!.file !== d.file) lines.push('');
    const severity = severityOf(d);
    lines.push(`${where(d)}  ${paint(severity, severity)}  ${d.reason}  ${dim(d.ruleId ?? '')}`.trimEnd());
  });
  const errors = problems.filter((d) => severityOf(d) === 'error').length;
  const warnings = problems.length - errors;
  lines.push(`${paint('error', '✖')} ${plural(errors, 'error')}, ${paint('warning', '⚠')} ${plural(warnings, 'warning')}`);
  for (const d of infos) lines.push(`${paint('info', 'ℹ')} ${where(d)}  ${d.reason}  ${dim(d.ruleId ?? '')}`.trimEnd());
  return lines.join('\n') + '\n';
}
