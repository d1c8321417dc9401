import type { Diagnostic } from './diagnostic.js';

/** The reporters: text for people, JSON for programs, GitHub workflow commands that annotate a pull request. */
export const REPORTERS = ['text', 'json', 'github'] as const;
export type Reporter = (typeof REPORTERS)[number];

/** The diagnostics as the chosen reporter prints them; each reporter is loaded only when used. */
export async function report(diagnostics: readonly Diagnostic[], reporter: Reporter, { cwd, color }: { cwd: string; color: boolean }): Promise<string> {
  switch (reporter) {
    case 'json':
      return (await import('./report-json.js')).reportJson(diagnostics, cwd);
    case 'github':
      return (await import('./report-github.js')).reportGithub(diagnostics);
    case 'text':
      return (await import('./report-text.js')).reportText(diagnostics, { color });
  }
}
