import path from 'node:path/posix';
import { imageSize } from 'image-size';
import type { Image } from 'mdast';
import { visit } from 'unist-util-visit';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { OUTSIDE, type SourceTree } from '../io/source-tree.js';
import { cleanImage, ImageFormatError } from './image-format.js';
import type { Source } from './load.js';

/** An image's limits, checked before anything of it is decoded (see README, Limits). */
export const IMAGE_LIMITS = {
  /** Width × height: a full A4 page at 300 dpi is 8.7 million pixels. */
  pixels: 20_000_000,
  /** Bytes of the file as stored. */
  bytes: 6 * 1024 * 1024,
} as const;

/** An image a Markdown source shows, read from the content directory. */
export interface PackImage {
  /** The file without its metadata (comments, EXIF, XMP, text chunks): pixels and colour profile as they were. */
  bytes: Uint8Array;
  type: 'png' | 'jpg';
  /** Pixel size, for laying the image out at its aspect ratio. */
  width: number;
  height: number;
}

declare module 'mdast' {
  interface ImageData {
    /** The image's path relative to the content directory: its key in `Pack.images`. */
    asset?: string;
  }
}

const REMOTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Reads every image the Markdown sources show, relative to the file that shows it. A missing,
 * remote, unsupported, damaged or oversized image is an error at the image, never a silent gap in
 * the pack nor a crash in a renderer. Every image is stripped of its metadata here, for every
 * edition, so that no renderer ever holds an image's comments or EXIF text.
 */
export async function loadImages(tree: SourceTree, sources: readonly Source[]): Promise<{ images: Map<string, PackImage>; diagnostics: Diagnostic[] }> {
  const images = new Map<string, PackImage>();
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    if (!source.markdown) continue;
    const nodes: Image[] = [];
    visit(source.markdown, 'image', (node: Image) => void nodes.push(node));
    for (const node of nodes) {
      const problem = (message: string) => diagnostics.push(diagnostic({ file: source.file, span: node.position, rule: 'image', message }));
      let url: string;
      try {
        url = decodeURI(node.url);
      } catch {
        problem(`Image "${node.url}" is not a valid path: a \`%\` must start an escape such as \`%20\`. Rename the file or write \`%25\` for a percent sign.`);
        continue;
      }
      if (REMOTE.test(url) || url.startsWith('//')) {
        problem(`Image "${node.url}" is not a file in the content directory: a pack is built offline, so save the image next to the paper and link it by a relative path.`);
        continue;
      }
      const asset = path.normalize(path.join(path.dirname(source.path), url));
      if (asset.startsWith('../') || path.isAbsolute(url)) {
        problem(`Image "${node.url}" is outside the content directory. Move it inside and link it by a relative path.`);
        continue;
      }
      node.data = { ...node.data, asset };
      if (images.has(asset)) continue;
      const limit = (message: string) => diagnostics.push(diagnostic({ file: source.file, span: node.position, rule: 'image-limit', message }));
      const tooLarge = (size: number) => limit(`Image "${node.url}" is ${megabytes(size)} MB (${size.toLocaleString('en')} bytes); an image may be at most ${megabytes(IMAGE_LIMITS.bytes)} MB (${IMAGE_LIMITS.bytes.toLocaleString('en')} bytes). Save it smaller: ${SHRINK}.`);
      // A file over the limit is refused unread, where the tree can tell its size.
      const stored = await tree.size?.(asset).catch(() => undefined);
      if (stored !== undefined && stored > IMAGE_LIMITS.bytes) {
        tooLarge(stored);
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await tree.read(asset);
      } catch (error) {
        const outside = (error as { code?: unknown }).code === OUTSIDE;
        problem(outside ? `Image "${node.url}" is a link to a file outside the content directory, which is never read. Copy the image into the content directory in place of the link.` : `Image "${node.url}" not found: there is no ${asset} in the content directory.`);
        continue;
      }
      if (bytes.length > IMAGE_LIMITS.bytes) {
        tooLarge(bytes.length);
        continue;
      }
      let size: ReturnType<typeof imageSize> | undefined;
      try {
        size = imageSize(bytes);
      } catch {
        size = undefined;
      }
      const type = size?.type === 'png' ? 'png' : size?.type === 'jpg' ? 'jpg' : undefined;
      if (!size || !type || !size.width || !size.height) {
        problem(`Image "${node.url}" is not a PNG or JPEG image. Save it as PNG (drawings, charts) or JPEG (photographs).`);
        continue;
      }
      // Before any decoding: a header alone can declare a size that would take gigabytes to decode.
      if (size.width * size.height > IMAGE_LIMITS.pixels) {
        limit(`Image "${node.url}" is ${size.width} × ${size.height} pixels (${megapixels(size.width * size.height)} million); an image may have at most ${megapixels(IMAGE_LIMITS.pixels)} million pixels. Save it smaller: ${SHRINK}.`);
        continue;
      }
      let clean: Awaited<ReturnType<typeof cleanImage>>;
      try {
        clean = await cleanImage(bytes, type);
        // The size checked against the limit must be the size a renderer reads.
        if (clean.width !== size.width || clean.height !== size.height) throw new ImageFormatError('is damaged: its headers give two different sizes');
      } catch (error) {
        if (!(error instanceof ImageFormatError)) throw error;
        problem(`Image "${node.url}" ${error.message}. Open it in an image editor and save it again as ${type === 'png' ? 'PNG' : 'JPEG'}.`);
        continue;
      }
      images.set(asset, { bytes: clean.bytes, type, width: size.width, height: size.height });
    }
  }
  return { images, diagnostics };
}

/** How to bring an image within the limits, for every message. */
const SHRINK = 'about 2500 pixels on the long side prints a full page at 300 dpi';
const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
const megapixels = (pixels: number) => (pixels / 1e6).toFixed(1).replace(/\.0$/, '');
