/**
 * The Word document as HTML, by mammoth: headings from Word's heading styles, quotes from its
 * quote styles, lists, tables, footnotes and images, each image handed back as bytes with its alt
 * text and the file name the paper will show it under.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { DocxParts } from './package.js';

export interface ExtractedImage {
  /** Relative to the paper: `figures/<id>-<n>.<ext>`. */
  src: string;
  bytes: Uint8Array;
  alt?: string;
}

export interface Converted {
  html: string;
  images: ExtractedImage[];
}

/** Word's own style names for quotations and list continuations; the default style map already covers Heading 1–6. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
  // Word's paragraphs that continue a list item, marked so that they can rejoin it.
  "p[style-name='List Continue'] => p.list-continue-1:fresh",
  "p[style-name='List Continue 2'] => p.list-continue-2:fresh",
  "p[style-name='List Continue 3'] => p.list-continue-3:fresh",
  "p[style-name='List Continue 4'] => p.list-continue-4:fresh",
  "p[style-name='List Continue 5'] => p.list-continue-5:fresh",
  // By style id too, for the paragraphs `leftovers.ts` restyles, whose style the document may not define.
  "p.ListContinue => p.list-continue-1:fresh",
  "p.ListContinue2 => p.list-continue-2:fresh",
  "p.ListContinue3 => p.list-continue-3:fresh",
  "p.ListContinue4 => p.list-continue-4:fresh",
  "p.ListContinue5 => p.list-continue-5:fresh",
];

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
  'image/svg+xml': 'svg',
  'image/x-emf': 'emf',
  'image/x-wmf': 'wmf',
};

/** Converts the package, with `document` in place of its `word/document.xml`. */
export async function convertToHtml(parts: DocxParts, document: Uint8Array, id: string): Promise<Converted> {
  const zip = new JSZip();
  for (const [name, bytes] of parts) zip.file(name, name === 'word/document.xml' ? document : bytes);
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  const images: ExtractedImage[] = [];
  const result = await mammoth.convertToHtml(
    { buffer },
    {
      styleMap: STYLE_MAP,
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(async (image) => {
        const bytes = new Uint8Array(await image.readAsBuffer());
        const extension = EXTENSIONS[image.contentType] ?? 'bin';
        const src = `figures/${id}-${images.length + 1}.${extension}`;
        // mammoth reads the picture's description into `altText`; its type declarations leave it out.
        const alt = (image as { altText?: string }).altText?.trim() || undefined;
        images.push({ src, bytes, ...(alt ? { alt } : {}) });
        return { src, ...(alt ? { alt } : {}) };
      }),
    },
  );
  return { html: result.value, images };
}
