/**
 * What a Word document carries besides its text, found in its XML before conversion, since the
 * converter drops some of it without a word (comments, deleted text) and keeps some of it as if it
 * were text (hidden runs). Each is reported, and none reaches the Markdown unsaid:
 *
 * - bookmarks: dropped (the converter's anchors are removed later), counted in one note;
 * - comments: dropped, each reported with its author and text, so the editor can act on it;
 * - tracked changes: a document with changes not yet accepted is refused, unless the user accepts
 *   them (`--accept-changes`): then insertions are kept and deletions dropped, as Word's "Accept
 *   All Changes" would, and each change is noted;
 * - hidden text (`w:vanish` on a run, its character style or its paragraph's style): its runs are
 *   taken out of the document here, and each reported.
 *
 * It also numbers the document's list paragraphs as Word does (start values, overrides, levels
 * restarting under a higher one), since the converter's lists always count from 1, and marks a
 * list paragraph without a number as continuing the item above; `outline.ts` then gives each
 * paragraph with an outline level its Heading style.
 */
import { attribute, buildXml, child, childrenOf, descendants, nameOf, parseXml, textOf, type XmlNode } from './xml.js';
import { headingsByOutlineLevel } from './outline.js';
import type { DocxParts } from './package.js';

export type LeftoverKind = 'bookmark' | 'comment' | 'tracked-change' | 'hidden-text';

export interface Leftover {
  kind: LeftoverKind;
  message: string;
  /** The start of the paragraph it was in, to find the place in the Markdown. */
  near?: string;
}

/** A paragraph of a Word list, in document order: whether it is numbered, and its number. */
export interface ListParagraph {
  ordered: boolean;
  number: number;
}

export interface DocumentScan {
  leftovers: Leftover[];
  /** Tracked changes found; refused unless accepted. */
  changes: Leftover[];
  /** `word/document.xml` without its hidden runs. */
  document: Uint8Array;
  lists: ListParagraph[];
}

const CHANGES: Record<string, string> = {
  'w:ins': 'insertion',
  'w:del': 'deletion',
  'w:moveFrom': 'move',
  'w:moveTo': 'move',
  'w:cellIns': 'inserted cell',
  'w:cellDel': 'deleted cell',
  'w:cellMerge': 'merged cell',
  'w:rPrChange': 'formatting change',
  'w:pPrChange': 'paragraph formatting change',
  'w:tblPrChange': 'table formatting change',
  'w:trPrChange': 'table row change',
  'w:tcPrChange': 'table cell change',
  'w:sectPrChange': 'section change',
  'w:numberingChange': 'numbering change',
};

const OFF = new Set(['0', 'false', 'off']);

/** A short quotation, for messages. */
export function quote(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

export function scanDocument(parts: DocxParts): DocumentScan {
  const tree = parseXml(parts, 'word/document.xml');
  const comments = commentTexts(parts);
  const leftovers: Leftover[] = [];
  const bookmarks: string[] = [];
  const hiding = hiddenStyles(parts);

  for (const paragraph of descendants(tree, 'w:p')) {
    unwrapSimpleFields(paragraph);
    // Hidden runs are taken out of the paragraph, wherever they sit in it (hyperlinks, insertions).
    const hidden: string[] = [];
    const paragraphStyle = attribute(child(child(paragraph, 'w:pPr') ?? {}, 'w:pStyle') ?? {}, 'w:val');
    removeHidden(paragraph, (run) => isHidden(run, hiding, paragraphStyle), (text) => void (text.trim() !== '' && hidden.push(text)));
    const near = quote(textOf(paragraph), 40) || undefined;
    const at = near ? ` in "${near}"` : '';
    for (const text of hidden) leftovers.push({ kind: 'hidden-text', near, message: `Removed hidden text${at}: "${quote(text, 120)}". Word did not show it; add it back in the Markdown if it belongs to the paper.` });
    for (const node of walk(paragraph)) {
      const name = nameOf(node)!;
      if (name === 'w:bookmarkStart') bookmarks.push(attribute(node, 'w:name') ?? '');
      else if (name === 'w:commentReference') {
        const comment = comments.get(attribute(node, 'w:id') ?? '');
        const by = comment?.author ? ` by ${comment.author}` : '';
        leftovers.push({ kind: 'comment', near, message: `Removed a Word comment${by}${at}: "${quote(comment?.text ?? '', 200)}". Act on it in the Markdown if it asks for a change.` });
      }
    }
  }
  const named = bookmarks.filter((b) => b !== '');
  if (named.length > 0) {
    const shown = named.slice(0, 5).join(', ') + (named.length > 5 ? ', …' : '');
    leftovers.push({ kind: 'bookmark', message: `Removed ${named.length} Word bookmark${named.length === 1 ? '' : 's'} (${shown}); links to them are kept as text.` });
  }
  const changes = trackedChanges(tree);
  const lists = numberLists(tree, parts);
  headingsByOutlineLevel(tree, parts);
  return { leftovers, changes, document: buildXml(tree), lists };
}

/** Every tracked change, in paragraphs or not (an inserted table row, a changed section), with the paragraph it is in. */
function trackedChanges(tree: XmlNode[]): Leftover[] {
  const changes: Leftover[] = [];
  const stack: [XmlNode, XmlNode | undefined][] = tree.map((node): [XmlNode, XmlNode | undefined] => [node, undefined]).reverse();
  while (stack.length > 0) {
    const [node, outer] = stack.pop()!;
    const name = nameOf(node);
    if (name === undefined) continue;
    const paragraph = name === 'w:p' ? node : outer;
    if (CHANGES[name]) {
      const near = paragraph ? quote(textOf(paragraph), 40) || undefined : undefined;
      const author = attribute(node, 'w:author');
      const deleted = name === 'w:del' || name === 'w:moveFrom' ? descendants([node], 'w:delText').map((t) => childrenOf(t).map((c) => String(c['#text'] ?? '')).join('')).join('') : '';
      const text = quote(textOf(node) || deleted, 80);
      changes.push({ kind: 'tracked-change', near, message: `a tracked ${CHANGES[name]}${author ? ` by ${author}` : ''}${text ? ` ("${text}")` : ''}${near ? ` in "${near}"` : ''}` });
    }
    stack.push(...childrenOf(node).map((c): [XmlNode, XmlNode | undefined] => [c, paragraph]).reverse());
  }
  return changes;
}

/** The elements inside a paragraph, in document order, not entering nested paragraphs (text boxes). */
function* walk(paragraph: XmlNode): Generator<XmlNode> {
  const stack = [...childrenOf(paragraph)].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    const name = nameOf(node);
    if (name === undefined || name === 'w:p') continue;
    yield node;
    stack.push(...[...childrenOf(node)].reverse());
  }
}

/** A simple field's result, in place of the field, which the converter would drop with its text. */
function unwrapSimpleFields(node: XmlNode): void {
  const name = nameOf(node);
  if (name === undefined) return;
  const children = node[name] as XmlNode[];
  for (let i = children.length - 1; i >= 0; i--) {
    const c = children[i]!;
    if (nameOf(c) === 'w:p') continue;
    unwrapSimpleFields(c);
    if (nameOf(c) === 'w:fldSimple') children.splice(i, 1, ...childrenOf(c));
  }
}

/** Whether a run is hidden: by its own properties, else by its character style, else by its paragraph's style. */
function isHidden(run: XmlNode, hiddenStyles: ReadonlySet<string>, paragraphStyle: string | undefined): boolean {
  const properties = child(run, 'w:rPr');
  const vanish = child(properties ?? {}, 'w:vanish');
  if (vanish !== undefined) return !OFF.has(attribute(vanish, 'w:val') ?? 'true');
  const style = attribute(child(properties ?? {}, 'w:rStyle') ?? {}, 'w:val');
  return (style !== undefined && hiddenStyles.has(style)) || (paragraphStyle !== undefined && hiddenStyles.has(paragraphStyle));
}

function removeHidden(node: XmlNode, isHiddenRun: (run: XmlNode) => boolean, removed: (text: string) => void): void {
  const name = nameOf(node);
  if (name === undefined) return;
  const children = node[name] as XmlNode[];
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (nameOf(c) === 'w:r' && isHiddenRun(c)) {
      removed(textOf(c));
      children.splice(i--, 1);
    } else if (nameOf(c) !== 'w:p') removeHidden(c, isHiddenRun, removed);
  }
}

/** The styles that hide their text (`w:vanish` in their run properties, or in a style they are based on). */
function hiddenStyles(parts: DocxParts): Set<string> {
  const styles = new Map<string, { vanish?: boolean; basedOn?: string }>();
  for (const style of descendants(parseXml(parts, 'word/styles.xml'), 'w:style')) {
    const vanish = child(child(style, 'w:rPr') ?? {}, 'w:vanish');
    const basedOn = attribute(child(style, 'w:basedOn') ?? {}, 'w:val');
    styles.set(attribute(style, 'w:styleId') ?? '', { ...(vanish ? { vanish: !OFF.has(attribute(vanish, 'w:val') ?? 'true') } : {}), ...(basedOn ? { basedOn } : {}) });
  }
  const hidden = new Set<string>();
  for (const id of styles.keys()) {
    // At most as many steps as there are styles, so that a loop of basedOn in a damaged file ends.
    let at: string | undefined = id;
    for (let step = 0; at !== undefined && step <= styles.size; step++) {
      const style = styles.get(at);
      if (style?.vanish !== undefined) {
        if (style.vanish) hidden.add(id);
        break;
      }
      at = style?.basedOn;
    }
  }
  return hidden;
}

function commentTexts(parts: DocxParts): Map<string, { author?: string; text: string }> {
  const comments = new Map<string, { author?: string; text: string }>();
  for (const comment of descendants(parseXml(parts, 'word/comments.xml'), 'w:comment')) {
    const author = attribute(comment, 'w:author');
    comments.set(attribute(comment, 'w:id') ?? '', { ...(author ? { author } : {}), text: descendants([comment], 'w:p').map(textOf).join(' ') });
  }
  return comments;
}

interface Level {
  start: number;
  ordered: boolean;
  /** Shows no number or bullet: a paragraph in it continues the list item above (pandoc writes them so). */
  blank: boolean;
}

/**
 * The number Word shows on each list paragraph. Counters belong to the abstract numbering a list
 * uses, so lists sharing one continue each other; a list that overrides a level's start restarts
 * that level where it is first used (LibreOffice restarts a list so, then goes on in the shared
 * one); an item resets the counters of the levels below it.
 */
function numberLists(tree: XmlNode[], parts: DocxParts): ListParagraph[] {
  const numbering = parseXml(parts, 'word/numbering.xml');
  const abstract = new Map<string, Map<number, Level>>();
  for (const a of descendants(numbering, 'w:abstractNum')) {
    const levels = new Map<number, Level>();
    for (const lvl of childrenOf(a).filter((c) => nameOf(c) === 'w:lvl')) {
      const format = attribute(child(lvl, 'w:numFmt') ?? {}, 'w:val') ?? 'decimal';
      const text = attribute(child(lvl, 'w:lvlText') ?? {}, 'w:val');
      levels.set(Number(attribute(lvl, 'w:ilvl') ?? 0), {
        start: Number(attribute(child(lvl, 'w:start') ?? {}, 'w:val') ?? 1),
        ordered: format !== 'bullet' && format !== 'none',
        blank: format === 'none' || (text !== undefined && text.trim() === ''),
      });
    }
    abstract.set(attribute(a, 'w:abstractNumId') ?? '', levels);
  }
  const nums = new Map<string, { abstractId: string; levels: Map<number, Level>; overrides: Set<number> }>();
  for (const num of descendants(numbering, 'w:num')) {
    const id = attribute(num, 'w:numId') ?? '';
    const abstractId = attribute(child(num, 'w:abstractNumId') ?? {}, 'w:val') ?? '';
    const levels = new Map(abstract.get(abstractId) ?? []);
    const overrides = new Set<number>();
    for (const override of childrenOf(num).filter((c) => nameOf(c) === 'w:lvlOverride')) {
      const start = child(override, 'w:startOverride');
      const level = Number(attribute(override, 'w:ilvl') ?? 0);
      if (start) {
        levels.set(level, { ordered: levels.get(level)?.ordered ?? true, blank: levels.get(level)?.blank ?? false, start: Number(attribute(start, 'w:val') ?? 1) });
        overrides.add(level);
      }
    }
    nums.set(id, { abstractId, levels, overrides });
  }
  const counters = new Map<string, number[]>();
  const restarted = new Set<string>();
  const lists: ListParagraph[] = [];
  for (const paragraph of descendants(tree, 'w:p')) {
    const numPr = child(child(paragraph, 'w:pPr') ?? {}, 'w:numPr');
    if (!numPr) continue;
    const id = attribute(child(numPr, 'w:numId') ?? {}, 'w:val');
    const num = id === undefined ? undefined : nums.get(id);
    if (!num || id === '0') continue;
    const level = Number(attribute(child(numPr, 'w:ilvl') ?? {}, 'w:val') ?? 0);
    const definition = num.levels.get(level) ?? { start: 1, ordered: true, blank: false };
    if (definition.blank) {
      continueList(paragraph, level);
      continue;
    }
    const count = counters.get(num.abstractId) ?? [];
    const restart = num.overrides.has(level) && !restarted.has(`${id}:${level}`);
    if (restart) restarted.add(`${id}:${level}`);
    const number = count[level] === undefined || restart ? definition.start : count[level]! + 1;
    count[level] = number;
    count.length = level + 1;
    counters.set(num.abstractId, count);
    lists.push({ ordered: definition.ordered, number });
  }
  return lists;
}

/** Restyles a paragraph of a list level without a number as Word's *List Continue*, which the converter rejoins to the item above. */
function continueList(paragraph: XmlNode, level: number): void {
  const properties = childrenOf(child(paragraph, 'w:pPr')!);
  const kept = properties.filter((c) => nameOf(c) !== 'w:numPr' && nameOf(c) !== 'w:pStyle');
  kept.unshift({ 'w:pStyle': [], ':@': { 'w:val': level === 0 ? 'ListContinue' : `ListContinue${level + 1}` } });
  properties.splice(0, properties.length, ...kept);
}
