import path from 'node:path/posix';
import { imageSize } from 'image-size';
import type { Image } from 'mdast';
import { visit } from 'unist-util-visit';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { OUTSIDE, type SourceTree } from '../io/source-tree.js';
import type { Source } from './load.js';

/** An image a Markdown source shows, read from the content directory. */
export interface PackImage {
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
 * remote or unsupported image is an error at the image, never a silent gap in the pack.
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
      let bytes: Uint8Array;
      try {
        bytes = await tree.read(asset);
      } catch (error) {
        const outside = (error as { code?: unknown }).code === OUTSIDE;
        problem(outside ? `Image "${node.url}" is a link to a file outside the content directory, which is never read. Copy the image into the content directory in place of the link.` : `Image "${node.url}" not found: there is no ${asset} in the content directory.`);
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
      images.set(asset, { bytes, type, width: size.width, height: size.height });
    }
  }
  return { images, diagnostics };
}
