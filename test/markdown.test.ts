import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseMarkdown } from '../src/load/markdown.js';
import { CONTENT_DIR } from './helpers/trees.js';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective).freeze();

/** Every string in the default content's data tables and agendas: what planning parses one by one. */
function dataStrings(): string[] {
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const dir of ['data', 'sessions']) for (const file of readdirSync(path.join(CONTENT_DIR, dir))) walk(parse(readFileSync(path.join(CONTENT_DIR, dir, file), 'utf8')));
  return strings;
}

const EDGES = [
  'Hello world', 'Government of Canada, 2015 (draft)', '“Quoted” text', "It's", 'café au lait', 'Ümlaut', '50% done', 'a-b', 'a/b/c', 'A\u00a0B', 'Mr. Smith', 'e.g. one', 'a  b', 'A^b', 'a {b}', '2015',
  // Each of these starts or holds Markdown syntax, so the parser must see it.
  '1. list', '10) item', '- item', '# heading', '> quote', 'www.example.org thing', 'see https://ogp.org', 'a@b.org', 'Note:important', '*emphasis*', 'a_b_c', 'snake__case__', 'x \\* y', 'R&amp;D', '&#42;', 'a | b', '~~gone~~', '`code`', '[link](x)', '![alt](x.png)', '<b>bold</b>', 'Ends with space ', ' starts with space', 'two\nlines', 'tab\there', 'emoji 🎉', 'a = b', '1 + 1',
];

describe('parseMarkdown', () => {
  it('gives exactly what the Markdown parser gives for plain phrases, which it does not parse', () => {
    const strings = [...new Set([...dataStrings(), ...EDGES])];
    expect(strings.length).toBeGreaterThan(200);
    for (const text of strings) {
      if (/:/.test(text)) continue; // text directives are turned back into text by parseMarkdown, checked below
      expect(parseMarkdown(text), JSON.stringify(text)).toEqual(parser.parse(text));
    }
  });

  it('still turns a text directive in a phrase back into its text', () => {
    expect(parseMarkdown('Note:important')).toMatchObject({ children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Note:important' }] }] });
  });
});
