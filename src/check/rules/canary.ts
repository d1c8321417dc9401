import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { words } from '../../editions/leaks/words.js';
import { at, documents } from '../documents.js';
import { examplePaper as paper } from '../examples.js';
import type { Rule } from '../rule.js';

export const canary: Rule = {
  id: 'canary',
  doc: "A withheld document's `canary` is a unique string that the build's leak gate searches the public outputs for. It proves something only if the document's text carries it too (e.g. in a marker line), so that a leak of the text is a leak of the canary. Plant each canary in the body.",
  severity: 'warning',
  check(context) {
    return documents(context).flatMap((d) => {
      const canaries = d.value.canary === undefined ? [] : [d.value.canary].flat();
      const body = ` ${words((d.source.markdown?.children ?? []).filter((n: RootContent) => n.type !== 'yaml').map((n) => toString(n)).join(' ')).join(' ')} `;
      return canaries.flatMap((c, i) =>
        body.includes(` ${words(c).join(' ')} `) ? [] : [at(d, typeof d.value.canary === 'string' ? ['canary'] : ['canary', i], `This canary is not in the document's text, so a leak of its text would not carry it. Plant it in the body, e.g. in a marker line.`)],
      );
    });
  },
  examples: [
    {
      title: 'a canary only in the front matter',
      files: { 'papers/a.md': paper('a', 'status: withheld\nreason: pre-decision\ncanary: zx81 quokka', '\nThe withheld text.\n') },
      messages: ["papers/a.md:6:9-6:20: This canary is not in the document's text, so a leak of its text would not carry it. Plant it in the body, e.g. in a marker line."],
    },
    { title: 'a canary planted in the text', files: { 'papers/a.md': paper('a', 'status: withheld\nreason: pre-decision\ncanary: zx81 quokka', '\nThe withheld text. Marker: ZX81 Quokka.\n') }, messages: [] },
  ],
};
