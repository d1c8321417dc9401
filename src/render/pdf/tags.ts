/**
 * Structure tagging. Elements are created while the pack is laid out and attached to their
 * parents only when their first content is drawn, so every element's children stay in reading order.
 * Marked content never spans a page: the paginator closes it before a new page.
 */
import type PDFDocument from 'pdfkit';
import { setColumnSpan } from './pdfkit-adapter.js';

type Doc = InstanceType<typeof PDFDocument>;
type StructElement = ReturnType<Doc['struct']>;

export interface TagNode {
  type: string;
  parent?: TagNode;
  options: Record<string, unknown>;
  element?: StructElement;
  attached: boolean;
}

export class Tagger {
  private open?: TagNode | 'artifact';
  readonly root: TagNode;

  constructor(private readonly doc: Doc) {
    const element = doc.struct('Document');
    doc.addStructure(element);
    this.root = { type: 'Document', options: {}, element, attached: true };
  }

  /** A new element below `parent`; nothing is written until content is drawn into it. */
  node(type: string, parent: TagNode, options: Record<string, unknown> = {}): TagNode {
    return { type, parent, options, attached: false };
  }

  /** Draws `draw` as content of `node`, continuing the open marked content when it is the same node. */
  content(node: TagNode, draw: () => void): void {
    if (this.open !== node) {
      this.close();
      const element = this.attach(node);
      element.add(this.doc.markStructureContent(node.type));
      this.open = node;
    }
    draw();
  }

  /** Draws decoration or running text that is not part of the document's content. */
  artifact(draw: () => void, type = 'Layout'): void {
    if (this.open !== 'artifact') {
      this.close();
      this.doc.markContent('Artifact', { type } as never);
      this.open = 'artifact';
    }
    draw();
  }

  /** Adds a link annotation to a Link element; called right after the annotation is made. */
  annotation(node: TagNode, annotate: (structParent: StructElement) => void): void {
    annotate(this.attach(node));
  }

  /** Ends an element so it is written while its page is current (link annotations record their page then). */
  end(node: TagNode): void {
    this.close();
    node.element?.end();
  }

  close(): void {
    if (this.open !== undefined) {
      this.doc.endMarkedContent();
      this.open = undefined;
    }
  }

  private attach(node: TagNode): StructElement {
    if (node.element && node.attached) return node.element;
    if (!node.parent) throw new Error(`structure element ${node.type} has no parent`);
    const parent = this.attach(node.parent);
    const { colSpan, ...options } = node.options;
    node.element = this.doc.struct(node.type, options as never);
    // A cell spanning columns (a table's group row) says so in its table attributes.
    if (typeof colSpan === 'number') setColumnSpan(node.element, colSpan);
    parent.add(node.element);
    node.attached = true;
    return node.element;
  }
}
