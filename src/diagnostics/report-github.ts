import { type Diagnostic, severityOf, sortDiagnostics } from './diagnostic.js';

/** Workflow-command escaping: data escapes %, CR and LF; properties also `:` and `,`. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Diagnostics as GitHub Actions workflow commands, which annotate the files of a pull request. */
export function reportGithub(diagnostics: readonly Diagnostic[]): string {
  return sortDiagnostics(diagnostics)
    .map((d) => {
      const properties = [`file=${escapeProperty(d.file ?? '')}`, `line=${d.line ?? 1}`, `col=${d.column ?? 1}`];
      if (d.place && 'end' in d.place) properties.push(`endLine=${d.place.end.line}`, `endColumn=${d.place.end.column}`);
      properties.push(`title=${escapeProperty(d.ruleId ?? 'ogp-pack')}`);
      return `::${COMMAND[severityOf(d)]} ${properties.join(',')}::${escapeData(d.reason)}\n`;
    })
    .join('');
}
