import type { Html, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { examplePaper as paper } from '../examples.js';
import type { Finding, Rule } from '../rule.js';

export const rawHtml: Rule = {
  id: 'raw-html',
  doc: 'Raw HTML in a paper (an editor’s `<!-- comment -->`, markup pasted from a web page) is not printed in the PDF or the DOCX. A comment left for colleagues disappears silently and markup loses what it meant to show. Resolve the comment and delete it, or write the text in Markdown.',
  severity: 'warning',
  check(context) {
    const findings: Finding[] = [];
    for (const source of context.sources) {
      if (!source.markdown) continue;
      visit(source.markdown as Root, 'html', (node: Html) => {
        if (!node.position) return;
        const comment = node.value.trimStart().startsWith('<!--');
        findings.push({
          file: source.file,
          span: node.position,
          message: comment ? 'HTML comment: it is not printed. Resolve it and delete it.' : 'Raw HTML is not printed. Write the text in Markdown instead.',
        });
      });
    }
    return findings;
  },
  examples: [
    { title: 'an editor’s comment', files: { 'papers/a.md': paper('a', 'status: included', '\nText.\n\n<!-- ask legal -->\n') }, messages: ['papers/a.md:9:1-9:19: HTML comment: it is not printed. Resolve it and delete it.'] },
    { title: 'inline markup', files: { 'papers/a.md': paper('a', 'status: included', '\nText <b>bold</b>.\n') }, messages: ['papers/a.md:7:6-7:9: Raw HTML is not printed. Write the text in Markdown instead.', 'papers/a.md:7:13-7:17: Raw HTML is not printed. Write the text in Markdown instead.'] },
    { title: 'Markdown only', files: { 'papers/a.md': paper('a', 'status: included', '\nText **bold**.\n') }, messages: [] },
  ],
};
