/**
 * Headings by outline level. Word makes a paragraph a heading by its outline level, set on the
 * paragraph or on its style (Heading 1–9 have levels 0–8; a house style such as "OGP Section" may
 * have one too). The converter knows only the Heading styles, so a paragraph with an outline level
 * is given the Heading style of that level, and becomes a heading of that depth.
 */
import type { DocxParts } from './package.js';
import { attribute, child, childrenOf, descendants, nameOf, parseXml, type XmlNode } from './xml.js';

/** Outline levels 0–5 are headings 1–6, which Markdown has; 9 is body text. */
const DEEPEST = 5;

export function headingsByOutlineLevel(tree: XmlNode[], parts: DocxParts): void {
  const styleLevel = styleOutlineLevels(parts);
  for (const paragraph of descendants(tree, 'w:p')) {
    const properties = child(paragraph, 'w:pPr');
    const style = attribute(child(properties ?? {}, 'w:pStyle') ?? {}, 'w:val');
    const direct = attribute(child(properties ?? {}, 'w:outlineLvl') ?? {}, 'w:val');
    const level = direct !== undefined ? Number(direct) : style !== undefined ? styleLevel.get(style) : undefined;
    if (level === undefined || !(level >= 0 && level <= DEEPEST) || style === `Heading${level + 1}`) continue;
    setStyle(paragraph, `Heading${level + 1}`);
  }
}

/** Each paragraph style's outline level, its own or the one it is based on. */
function styleOutlineLevels(parts: DocxParts): Map<string, number> {
  const styles = new Map<string, { level?: number; basedOn?: string }>();
  for (const style of descendants(parseXml(parts, 'word/styles.xml'), 'w:style')) {
    if (attribute(style, 'w:type') !== 'paragraph') continue;
    const level = attribute(child(child(style, 'w:pPr') ?? {}, 'w:outlineLvl') ?? {}, 'w:val');
    const basedOn = attribute(child(style, 'w:basedOn') ?? {}, 'w:val');
    styles.set(attribute(style, 'w:styleId') ?? '', { ...(level !== undefined ? { level: Number(level) } : {}), ...(basedOn ? { basedOn } : {}) });
  }
  const levels = new Map<string, number>();
  for (const id of styles.keys()) {
    // Follow basedOn, at most as many steps as there are styles (a loop in a damaged file ends).
    let at: string | undefined = id;
    for (let step = 0; at !== undefined && step <= styles.size; step++) {
      const style = styles.get(at);
      if (style?.level !== undefined) {
        levels.set(id, style.level);
        break;
      }
      at = style?.basedOn;
    }
  }
  return levels;
}

function setStyle(paragraph: XmlNode, styleId: string): void {
  let properties = child(paragraph, 'w:pPr');
  if (!properties) {
    properties = { 'w:pPr': [] };
    (paragraph['w:p'] as XmlNode[]).unshift(properties);
  }
  const children = childrenOf(properties);
  const kept = children.filter((c) => nameOf(c) !== 'w:pStyle');
  kept.unshift({ 'w:pStyle': [], ':@': { 'w:val': styleId } });
  children.splice(0, children.length, ...kept);
}
