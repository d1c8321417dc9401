import type { Nodes } from 'mdast';
import { examplePaper as paper } from '../examples.js';
import { checkProse } from '../prose-rule.js';
import type { Finding, Rule } from '../rule.js';

/** Things that try to be web addresses: a scheme-like start or `www.`. */
const CANDIDATE = /(?<![\p{L}\p{N}@.])(?:(?:h?t?tps?|ftp)(?::\/{0,3}|\/{1,3}|;\/\/)|www\.)[^\s<>"“”]*/giu;

/** Why a web address cannot be followed, or undefined when it can. */
export function urlProblem(text: string): string | undefined {
  const address = text.replace(/[.,;:!?’']+$/, '').replace(/\)$/, (p) => (text.includes('(') ? p : ''));
  const withScheme = /^www\./i.test(address) ? `http://${address}` : address;
  if (!/^(?:https?|ftp):\/\/[^/]/i.test(withScheme)) return `"${address}" is not a web address: it needs "http://" or "https://" exactly.`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return `"${address}" is not a valid web address.`;
  }
  if (!/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(url.hostname)) return `"${address}" has no valid host name ("${url.hostname}").`;
  return undefined;
}

export const malformedUrl: Rule = {
  id: 'malformed-url',
  doc: 'Web addresses in the text and link targets must work when clicked or typed: a scheme written exactly `http://` or `https://` (or `www.`), and a host name with a dot and a top-level part of letters. Correct the address.',
  severity: 'error',
  check(context) {
    const inText = checkProse(context, (prose) =>
      [...prose.text.matchAll(CANDIDATE)].flatMap((m) => {
        const problem = urlProblem(m[0]);
        const length = m[0].replace(/[.,;:!?’']+$/, '').length;
        return problem ? [{ start: m.index, end: m.index + length, message: `${problem} Correct it.` }] : [];
      }),
    );
    const inLinks: Finding[] = [];
    for (const source of context.sources) {
      const visit = (node: Nodes) => {
        if ((node.type === 'link' || node.type === 'definition') && /^(?:[a-z]+:|www\.)/i.test(node.url) && !/^mailto:/i.test(node.url) && node.position) {
          const problem = urlProblem(node.url);
          if (problem) inLinks.push({ file: source.file, span: { start: node.position.start, end: node.position.end }, message: `Link target ${problem} Correct it.` });
        }
        if ('children' in node) for (const child of node.children) visit(child as Nodes);
      };
      if (source.markdown) visit(source.markdown);
    }
    return [...inText, ...inLinks];
  },
  examples: [
    { title: 'a missing colon', files: { 'papers/a.md': paper('a', 'status: included', '\nSee http//www.opengovpartnership.org for more.\n') }, messages: ['papers/a.md:7:5-7:37: "http//www.opengovpartnership.org" is not a web address: it needs "http://" or "https://" exactly. Correct it.'] },
    { title: 'a link to a host without a domain', files: { 'papers/a.md': paper('a', 'status: included', '\nSee [the guide](http://opengovguide).\n') }, messages: ['papers/a.md:7:5-7:37: Link target "http://opengovguide" has no valid host name ("opengovguide"). Correct it.'] },
    { title: 'good addresses', files: { 'papers/a.md': paper('a', 'status: included', '\nSee www.opengovpartnership.org, <https://www.opengovguide.com/> and [this](https://example.org/a_(b)).\n') }, messages: [] },
  ],
};
