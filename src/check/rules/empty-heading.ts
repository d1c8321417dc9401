import type { Heading, Nodes } from 'mdast';
import { examplePaper as paper } from '../examples.js';
import type { Finding, Rule } from '../rule.js';

function textOf(node: Nodes): string {
  if ('value' in node && node.type !== 'html') return node.value;
  return 'children' in node ? node.children.map((child) => textOf(child as Nodes)).join('') : '';
}

export const emptyHeading: Rule = {
  id: 'empty-heading',
  doc: 'A heading with no text (a `##` alone on its line, or one holding only formatting) prints as an empty bookmark and an empty line in the contents. Give it its text or delete it.',
  severity: 'warning',
  check(context) {
    const findings: Finding[] = [];
    for (const source of context.sources) {
      const visit = (node: Nodes) => {
        if (node.type === 'heading' && textOf(node as Heading).trim() === '' && node.position) {
          const { start, end } = node.position;
          findings.push({ file: source.file, span: { start: { line: start.line, column: start.column }, end: { line: end.line, column: end.column } }, message: 'Empty heading. Write its text or delete the line.' });
        }
        if ('children' in node) for (const child of node.children) visit(child as Nodes);
      };
      if (source.markdown) visit(source.markdown);
    }
    return findings;
  },
  examples: [
    { title: 'a bare ##', files: { 'papers/a.md': paper('a', 'status: included', '\nText.\n\n## \n\nMore.\n') }, messages: ['papers/a.md:9:1-9:4: Empty heading. Write its text or delete the line.'] },
    { title: 'a heading with text', files: { 'papers/a.md': paper('a', 'status: included', '\n## Background\n\nText.\n') }, messages: [] },
  ],
};
