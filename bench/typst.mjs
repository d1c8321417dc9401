// The benchmark's Typst anchor: the public Markdown that bench/public-markdown.mjs exports,
// converted to Typst markup (headings, paragraphs, emphasis, lists, links, tables, and a page
// break before every top-level heading, so each agenda, paper and sheet starts a page as in
// ogp-pack's PDF), then compiled to PDF by Typst through its Node binding,
// @myriaddreamin/typst-ts-node-compiler. The page, margins, font family and sizes are those of
// templates/layout.yaml, so both PDFs set the same text on the same page with the same faces.
//
//   node bench/typst.mjs convert <public.md> <out.typ>    Markdown to Typst (not timed)
//   node bench/typst.mjs compile <in.typ> <out.pdf>       one compile, as the bench times it
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The Noto Sans faces templates/layout.yaml names, as the directories Typst searches for fonts. */
const FONT_DIRS = ['400Regular', '700Bold', '400Regular_Italic', '700Bold_Italic'].map((face) =>
  path.join(ROOT, 'node_modules', '@expo-google-fonts', 'noto-sans', face),
);

const PREAMBLE = `#set document(title: "Public edition")
#set page(paper: "a4", margin: (top: 72pt, right: 62pt, bottom: 68pt, left: 62pt), numbering: "1")
#set text(font: "Noto Sans", size: 10pt, lang: "en")
#show heading.where(level: 1): set text(size: 18pt)
#show heading.where(level: 2): set text(size: 13pt)
#show heading.where(level: 3): set text(size: 11pt)
#show table: set text(size: 8.5pt)
#show link: underline
`;

/** Text as Typst markup: every character with a meaning in markup is escaped. */
const text = (value) => value.replace(/\s*\n\s*/g, ' ').replace(/[\\#*_`$<>@[\]~/\-+="']/g, (c) => `\\${c}`);

/** A Typst string literal. */
const string = (value) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

function inline(nodes) {
  return nodes.map(inlineNode).join('');
}

function inlineNode(node) {
  switch (node.type) {
    case 'text':
      return text(node.value);
    case 'emphasis':
      return `#emph[${inline(node.children)}]`;
    case 'strong':
      return `#strong[${inline(node.children)}]`;
    case 'delete':
      return `#strike[${inline(node.children)}]`;
    case 'inlineCode':
      return `#raw(${string(node.value)})`;
    case 'link':
      return `#link(${string(node.url)})[${inline(node.children)}]`;
    case 'image':
      return text(node.alt ?? '');
    case 'break':
      return ' \\\n';
    case 'html':
      return text(node.value);
    default:
      return 'children' in node ? inline(node.children) : 'value' in node ? text(node.value) : '';
  }
}

/** Block content, paragraphs separated by blank lines. */
function blocks(nodes) {
  return nodes.map(block).filter(Boolean).join('\n\n');
}

function block(node) {
  switch (node.type) {
    case 'heading':
      return `${node.depth === 1 ? '#pagebreak(weak: true)\n' : ''}#heading(level: ${node.depth})[${inline(node.children)}]`;
    case 'paragraph':
      return inline(node.children);
    case 'list': {
      const items = node.children.map((item) => `[${blocks(item.children)}]`).join(', ');
      return node.ordered ? `#enum(start: ${node.start ?? 1}, ${items})` : `#list(${items})`;
    }
    case 'table': {
      const [head, ...rows] = node.children;
      const cells = (row) => row.children.map((cell) => `[${inline(cell.children)}]`).join(', ');
      const body = rows.map(cells).join(',\n  ');
      return `#table(columns: ${head.children.length}, table.header(${cells(head)}),\n  ${body})`;
    }
    case 'blockquote':
      return `#quote(block: true)[${blocks(node.children)}]`;
    case 'code':
      return `#raw(block: true, ${string(node.value)})`;
    case 'thematicBreak':
      return '#line(length: 100%)';
    case 'html':
      return text(node.value);
    default:
      return 'children' in node ? blocks(node.children) : '';
  }
}

/** The public Markdown as a Typst document. */
export async function markdownToTypst(markdown) {
  const [{ unified }, { default: remarkParse }, { default: remarkGfm }] = await Promise.all([import('unified'), import('remark-parse'), import('remark-gfm')]);
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  return `${PREAMBLE}\n${blocks(tree.children)}\n`;
}

/** Compiles Typst source to PDF bytes; a compile error throws with Typst's diagnostics. */
export function compileTypst(source) {
  const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
  const compiler = NodeCompiler.create({ workspace: ROOT, fontArgs: [{ fontPaths: FONT_DIRS }] });
  const compiled = compiler.compile({ mainFileContent: source });
  const error = compiled.takeError();
  if (error || !compiled.result) {
    const messages = error ? compiler.fetchDiagnostics(error).map((d) => JSON.stringify(d)) : ['no document'];
    throw new Error(`Typst could not compile the document:\n${messages.join('\n')}`);
  }
  return compiler.pdf(compiled.result);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, input, output] = process.argv.slice(2);
  if (!['convert', 'compile'].includes(command) || !input || !output) {
    console.error('usage: node bench/typst.mjs convert <public.md> <out.typ> | compile <in.typ> <out.pdf>');
    process.exit(2);
  }
  const source = readFileSync(input, 'utf8');
  writeFileSync(output, command === 'convert' ? await markdownToTypst(source) : compileTypst(source));
}
