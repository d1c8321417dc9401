import type { RootContent } from 'mdast';
import { at, documents } from '../documents.js';
import { examplePaper as paper } from '../examples.js';
import type { Rule } from '../rule.js';

/** Body nodes that show nothing: front matter, HTML comments, blank HTML. */
function showsNothing(node: RootContent): boolean {
  return node.type === 'yaml' || (node.type === 'html' && /^\s*(<!--[\s\S]*?-->\s*)*$/.test(node.value));
}

/** A paper of biographies prints its sections or its declared groups even with no text of its own. */
const printsBiographies = (value: object) => ('people' in value && Array.isArray(value.people)) || ('groups' in value && Array.isArray(value.groups));

export const emptyPaper: Rule = {
  id: 'empty-paper',
  doc: 'A document with `status: included` promises its text in the pack; an empty body would print a title over a blank page. Paste the text, or give the document its honest status (`to-follow`, `at-meeting`, or `withheld` with a `reason`).',
  severity: 'error',
  check(context) {
    return documents(context)
      .filter((d) => d.value.status === 'included' && !printsBiographies(d.value))
      // A body left unparsed (over a limit) is reported by that limit's rule, not as empty.
      .filter((d) => d.source.markdown !== undefined && d.source.markdown.children.every(showsNothing))
      .map((d) => at(d, ['status'], `"${d.value.id}" is \`included\` but its body is empty. Add the text below the front matter, or set \`status\` to to-follow, at-meeting or withheld.`));
  },
  examples: [
    { title: 'an included paper with no text', files: { 'papers/a.md': paper('a', 'status: included', '\n<!-- text to come -->\n') }, messages: ['papers/a.md:4:9-4:17: "a" is `included` but its body is empty. Add the text below the front matter, or set `status` to to-follow, at-meeting or withheld.'] },
    { title: 'an included paper with text', files: { 'papers/a.md': paper('a', 'status: included', '\nThe text.\n') }, messages: [] },
    { title: 'a paper of biographies prints its groups', files: { 'papers/a.md': paper('a', 'status: included\ngroups:\n  - {id: members, title: Members}') }, messages: [] },
    { title: 'a paper to follow has no text yet', files: { 'papers/a.md': paper('a', 'status: to-follow') }, messages: [] },
  ],
};
