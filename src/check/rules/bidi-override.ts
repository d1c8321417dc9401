import { examplePaper as paper } from '../examples.js';
import type { Finding, Rule } from '../rule.js';

/** LEFT-TO-RIGHT and RIGHT-TO-LEFT OVERRIDE: they make a reader show the letters after them in another order than they are stored in. */
const OVERRIDE = /[\u202D\u202E]/gu;

export const bidiOverride: Rule = {
  id: 'bidi-override',
  doc: "A source has a bidirectional override (U+202D or U+202E), which makes a reader display the text after it in another order than it is stored in. Text written backwards behind one reads normally on the page while every search, the leak gate's included, sees it reversed. Right-to-left scripts need no overrides: delete them.",
  severity: 'error',
  configurable: false,
  check(context) {
    const findings: Finding[] = [];
    for (const source of context.sources) {
      for (const match of source.text.matchAll(OVERRIDE)) {
        findings.push({ file: source.file, span: context.fileText(source).span(match.index, match.index + 1), message: `A bidirectional override (U+${match[0].codePointAt(0)!.toString(16).toUpperCase()}) shows the text after it in another order than it is stored in, so what a reader sees is not what is checked. Delete it.` });
      }
    }
    return findings;
  },
  examples: [
    {
      title: 'text stored backwards behind a right-to-left override',
      files: { 'papers/a.md': paper('a', 'status: included', '\nA note: \u202E.raey txen noillim ruof etubirtnoc lliw yrusaert ehT\u202C\n') },
      messages: ['papers/a.md:7:9-7:10: A bidirectional override (U+202E) shows the text after it in another order than it is stored in, so what a reader sees is not what is checked. Delete it.'],
    },
    { title: 'Arabic and Hebrew need no override', files: { 'papers/a.md': paper('a', 'status: included', '\nThe names مرحبا and שלום are written as they are read.\n') }, messages: [] },
  ],
};
