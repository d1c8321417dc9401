/**
 * The converter's HTML as the paper's Markdown tree (hast → mdast), then the passes that make it a
 * paper source: footnotes as Markdown footnotes, bookmarks' anchors and links to them dropped,
 * lists numbered as Word numbered them, numbering typed as text made into lists, Word's error
 * field results taken out, and the title taken off the top.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { defaultHandlers, toMdast, type State } from 'hast-util-to-mdast';
import type { FootnoteDefinition, Heading, List, ListItem, Nodes, Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import type { ListParagraph } from './leftovers.js';
import { quote } from './leftovers.js';
import { tableHandler } from './tables.js';

/** A finding of these passes, to report with the Markdown position of `near` when it can be found. */
export interface BodyNote {
  rule: 'import-field-error' | 'import-typed-numbering' | 'import-image-alt' | 'import-list-numbering';
  severity: 'warning' | 'info';
  message: string;
  near?: string;
}

const NOTE_LINK = /^#(footnote|endnote)-(\d+)$/;
const NOTE_ITEM = /^(footnote|endnote)-(\d+)$/;
const NOTE_BACK = /^#(footnote|endnote)-ref-\d+$/;

/** Word's text for a cross-reference or field whose target is gone, in the languages of OGP's packs. */
const FIELD_ERROR = /(?:Error!|Erreur ?!|¡Error!|Error\s!)\s[^.!\n]{0,80}(?:not found|not defined|not valid|in document|introuvable|non défini|de la referencia|no definid[ao]|no válid[ao])\.?/gi;

const isElement = (node: ElementContent | HastRoot): node is Element => node.type === 'element';
const noteId = (kind: string, n: string) => (kind === 'endnote' ? `e${n}` : n);

/** The HTML's mdast; anchors without a target and links to anchors become their text. */
export function htmlToMdast(html: string): Root {
  const hast = fromHtml(html, { fragment: true });
  rejoinContinuations(hast);
  return toMdast(hast, {
    handlers: {
      sup(state: State, node: Element) {
        const link = node.children.find(isElement);
        const match = link?.tagName === 'a' ? NOTE_LINK.exec(String(link.properties.href ?? '')) : null;
        if (match) return { type: 'footnoteReference', identifier: noteId(match[1]!, match[2]!), label: noteId(match[1]!, match[2]!) };
        return defaultHandlers.sup(state, node);
      },
      ol(state: State, node: Element) {
        const items = node.children.filter(isElement);
        const notes = items.map((li) => NOTE_ITEM.exec(String(li.properties.id ?? '')));
        if (items.length === 0 || notes.some((m) => m === null)) return defaultHandlers.ol(state, node);
        return items.map((li, i): FootnoteDefinition => {
          const id = noteId(notes[i]![1]!, notes[i]![2]!);
          return { type: 'footnoteDefinition', identifier: id, label: id, children: state.toFlow(state.all(li) as RootContent[]) as FootnoteDefinition['children'] };
        });
      },
      a(state: State, node: Element) {
        const href = String(node.properties.href ?? '');
        if (NOTE_BACK.test(href)) return undefined;
        // A bookmark's anchor, or a link to one: the anchors are not kept, so neither are the links.
        if (href === '' || href.startsWith('#')) return state.all(node) as PhrasingContent[];
        return defaultHandlers.a(state, node);
      },
      table: tableHandler,
    },
  }) as Root;
}

const CONTINUATION = /^list-continue-(\d)$/;

/**
 * Puts each paragraph styled "List Continue N" back into the last item of the list before it,
 * at level N, as the second paragraph of that item; one with no list before it stays a paragraph.
 */
function rejoinContinuations(parent: HastRoot | Element): void {
  const kept: HastRoot['children'] = [];
  let list: Element | undefined;
  for (const node of parent.children) {
    if (node.type !== 'element') {
      kept.push(node);
      continue;
    }
    const classes = (node.properties.className as string[] | undefined) ?? [];
    const level = classes.map((c) => CONTINUATION.exec(c)?.[1]).find((l) => l !== undefined);
    if (level !== undefined) delete node.properties.className;
    if (level !== undefined && list) {
      let item = lastItem(list);
      for (let depth = 1; item && depth < Number(level); depth++) {
        const nested = [...item.children].reverse().find((c): c is Element => c.type === 'element' && (c.tagName === 'ul' || c.tagName === 'ol'));
        item = nested ? lastItem(nested) : item;
      }
      if (item) {
        item.children.push(node);
        continue;
      }
    }
    list = node.tagName === 'ul' || node.tagName === 'ol' ? node : undefined;
    if (node.tagName !== 'ul' && node.tagName !== 'ol') rejoinContinuations(node);
    kept.push(node);
  }
  parent.children = kept as Element['children'];
}

const lastItem = (list: Element) => [...list.children].reverse().find((c): c is Element => c.type === 'element' && c.tagName === 'li');

/** Sets each numbered list's start to Word's number, and splits a list where Word's numbering restarts. */
export function numberLists(tree: Root, lists: readonly ListParagraph[], notes: BodyNote[]): void {
  // In document order, as Word numbers them: an item, then the items of the lists inside it.
  const items: { list: List; item: ListItem }[] = [];
  visit(tree, 'listItem', (item: ListItem, _index, parent) => void items.push({ list: parent as List, item }));
  // Lists in footnotes come after the body's in the tree, and Word's numbering of the body is all we have.
  const body = items.slice(0, lists.length);
  if (body.length !== lists.length || body.some(({ list }, i) => list.ordered !== lists[i]!.ordered)) {
    if (lists.some((l) => l.ordered && l.number !== 1)) notes.push({ rule: 'import-list-numbering', severity: 'warning', message: 'Word numbered some lists in a way the converter did not follow, so the numbered lists start at 1. Compare the numbering with the Word document.' });
    return;
  }
  const numberOf = new Map(body.map(({ item }, i) => [item, lists[i]!.number]));
  visit(tree, (node) => {
    if (!('children' in node)) return;
    const parent = node as Parent;
    for (let i = 0; i < parent.children.length; i++) {
      const list = parent.children[i]!;
      if (list.type !== 'list' || !list.ordered) continue;
      const runs = splitAtRestarts(list, numberOf);
      parent.children.splice(i, 1, ...runs);
      i += runs.length - 1;
    }
  });
}

function splitAtRestarts(list: List, numberOf: ReadonlyMap<ListItem, number>): List[] {
  const runs: List[] = [];
  let previous: number | undefined;
  for (const item of list.children) {
    const number = numberOf.get(item) ?? (previous ?? 0) + 1;
    if (previous === undefined || number !== previous + 1) runs.push({ ...list, start: number, children: [] });
    runs.at(-1)!.children.push(item);
    previous = number;
  }
  return runs.length > 0 ? runs : [list];
}

const TYPED_NUMBER = /^(\d{1,3})[.)]\s+/;
const TYPED_BULLET = /^[•▪◦·●○■□–-]\s+/;

/**
 * Paragraphs that begin with a number or bullet typed as text: two or more in a row become a list,
 * as the writer meant; one alone, or in a table cell (a numbered commitment, say), is kept as text.
 * Either way it is reported.
 */
export function listTypedNumbering(tree: Root, notes: BodyNote[]): void {
  visit(tree, (node) => {
    if (!('children' in node) || node.type === 'listItem') return;
    const parent = node as Parent;
    for (let i = 0; i < parent.children.length; i++) {
      const kind = typedMarker(parent.children[i]!);
      if (!kind) continue;
      let end = i;
      while (end + 1 < parent.children.length && typedMarker(parent.children[end + 1]!)?.ordered === kind.ordered) end++;
      const paragraphs = parent.children.slice(i, end + 1) as Paragraph[];
      const marker = kind.ordered ? TYPED_NUMBER : TYPED_BULLET;
      const first = quote(toString(paragraphs[0]!), 40);
      const what = kind.ordered ? 'a number' : 'a bullet';
      if (paragraphs.length === 1 || parent.type === 'importCell') {
        notes.push({ rule: 'import-typed-numbering', severity: 'info', near: quote(toString(paragraphs[0]!), 40), message: `"${first}" begins with ${what} typed as text; kept as text. If it is an item of a list, make it one.` });
        i = end;
        continue;
      }
      const start = kind.ordered ? Number(TYPED_NUMBER.exec(toString(paragraphs[0]!))![1]) : undefined;
      const list: List = {
        type: 'list',
        ordered: kind.ordered,
        ...(start !== undefined ? { start } : {}),
        spread: false,
        children: paragraphs.map((p) => ({ type: 'listItem', spread: false, children: [stripMarker(p, marker)] })),
      };
      notes.push({
        rule: 'import-typed-numbering',
        severity: 'info',
        near: quote(toString(paragraphs[0]!).replace(marker, ''), 40),
        message: `${paragraphs.length} paragraphs began with ${what} typed as text ("${first}"); made into a ${kind.ordered ? 'numbered' : 'bulleted'} list. Check the list.`,
      });
      parent.children.splice(i, paragraphs.length, list as RootContent);
    }
  });
}

function typedMarker(node: RootContent): { ordered: boolean } | undefined {
  if (node.type !== 'paragraph') return undefined;
  const text = toString(node);
  if (TYPED_NUMBER.test(text)) return { ordered: true };
  if (TYPED_BULLET.test(text)) return { ordered: false };
  return undefined;
}

/** The paragraph without its typed marker, which is always at the start of its first text. */
function stripMarker(paragraph: Paragraph, marker: RegExp): Paragraph {
  const first = paragraph.children[0];
  if (first?.type === 'text') return { ...paragraph, children: [{ ...first, value: first.value.replace(marker, '') }, ...paragraph.children.slice(1)] };
  return paragraph;
}

/** Takes out Word's "Error! Reference source not found." and its kin, each reported. */
export function removeFieldErrors(tree: Root, notes: BodyNote[]): void {
  visit(tree, 'paragraph', (paragraph: Paragraph) => {
    const before = toString(paragraph);
    const errors: string[] = [];
    visit(paragraph, 'text', (text) => {
      text.value = text.value.replace(FIELD_ERROR, (error) => {
        errors.push(error.trim());
        return '';
      });
    });
    if (errors.length === 0) return SKIP;
    visit(paragraph, 'text', (text) => void (text.value = text.value.replace(/ {2,}/g, ' ').replace(/ ([,.;:])/g, '$1')));
    const near = quote(toString(paragraph), 40);
    for (const error of errors) {
      notes.push({ rule: 'import-field-error', severity: 'warning', near, message: `Removed "${error}", a Word cross-reference whose target was lost, from "${quote(before, 60)}". Write the reference again.` });
    }
    return SKIP;
  });
}

/** Every image without alt text, reported, since the pack's readers (and screen readers) need it. */
export function reportMissingAlt(tree: Root, notes: BodyNote[]): void {
  visit(tree, 'image', (image) => {
    if (!image.alt?.trim()) notes.push({ rule: 'import-image-alt', severity: 'warning', near: image.url, message: `The image ${image.url} has no alt text in the Word document. Describe it in the Markdown: ![what it shows](${image.url}).` });
  });
}

/**
 * Takes the title off the top: the document's title when its first heading repeats it, else its
 * first heading when the document has no title. Headings then start at depth 2, as a paper's do.
 */
export function takeTitle(tree: Root, documentTitle: string | undefined): string | undefined {
  const first = tree.children.findIndex((node) => node.type === 'heading');
  const heading = first >= 0 ? (tree.children[first] as Heading) : undefined;
  const headingText = heading ? toString(heading).replace(/\s+/g, ' ').trim() : undefined;
  let title = documentTitle;
  if (heading && (documentTitle === undefined || headingText === documentTitle) && tree.children.slice(0, first).every((n) => n.type !== 'paragraph' || toString(n).trim() === '')) {
    title = headingText;
    tree.children.splice(first, 1);
  }
  let shallowest = 7;
  visit(tree, 'heading', (h: Heading) => void (shallowest = Math.min(shallowest, h.depth)));
  const shift = shallowest <= 6 ? 2 - shallowest : 0;
  visit(tree, 'heading', (h: Heading) => void (h.depth = Math.min(6, Math.max(2, h.depth + shift)) as Heading['depth']));
  return title;
}

/** Paragraphs left empty by what was removed. */
export function dropEmptyParagraphs(tree: Root): void {
  visit(tree, (node: Nodes, index, parent) => {
    if (node.type === 'paragraph' && parent && index !== undefined && node.children.every((c) => c.type === 'text' && c.value.trim() === '')) {
      parent.children.splice(index, 1);
      return index;
    }
    return undefined;
  });
}
