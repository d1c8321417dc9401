import GithubSlugger from 'github-slugger';
import type { Heading, Link, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { decodeFragment } from '../../load/markdown.js';
import { examplePaper as paper } from '../examples.js';
import type { Finding, Rule } from '../rule.js';

export const internalLink: Rule = {
  id: 'internal-link',
  doc: 'A link to `#fragment` points at a heading of the same document by its slug, as GitHub makes them: `## Annex 1: Design` is `#annex-1-design`. A link to a heading the document lacks is printed as plain text, so the reader cannot follow it. Fix the slug or the heading.',
  severity: 'warning',
  check(context) {
    const findings: Finding[] = [];
    for (const source of context.sources) {
      if (!source.markdown) continue;
      const tree = source.markdown as Root;
      const slugger = new GithubSlugger();
      const slugs = new Set<string>();
      visit(tree, 'heading', (heading: Heading) => void slugs.add(slugger.slug(toString(heading))));
      visit(tree, 'link', (link: Link) => {
        if (!link.url.startsWith('#') || slugs.has(decodeFragment(link.url.slice(1))) || !link.position) return;
        findings.push({ file: source.file, span: link.position, message: `No heading "${link.url}" in this document: the link would be printed as plain text. Link to one of its headings, e.g. #${[...slugs][0] ?? 'background'}.` });
      });
    }
    return findings;
  },
  examples: [
    { title: 'a link to a missing heading', files: { 'papers/a.md': paper('a', 'status: included', '\n## Background\n\nSee [above](#backgroud).\n') }, messages: ['papers/a.md:9:5-9:24: No heading "#backgroud" in this document: the link would be printed as plain text. Link to one of its headings, e.g. #background.'] },
    { title: 'a link to a heading of the document', files: { 'papers/a.md': paper('a', 'status: included', '\n## Annex 1: Design\n\nSee [the annex](#annex-1-design).\n') }, messages: [] },
  ],
};
