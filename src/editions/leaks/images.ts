/**
 * Image metadata as the leak gate reads it: everything in a PNG or JPEG that is not pixels (text
 * chunks, inflated; EXIF, XMP, IPTC, comments, colour profiles, bytes after the end), as text in
 * every encoding such metadata uses. ogp-pack strips metadata at load; this is how an output
 * shows that it did, whatever wrote the image.
 */
import { inflateSync } from 'node:zlib';
import { jpegSegments, pngChunks, type ImagePart } from '../../load/image-format.js';
import type { Place } from '../leaks.js';

/** Parts that hold pixels or their layout only: numbers, never text. */
const PNG_PIXELS = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS']);
const JPEG_PIXELS = new Set(['FFD8', 'FFD9', 'entropy', 'FFC4', 'FFCC', 'FFDA', 'FFDB', 'FFDC', 'FFDD', 'FFDE', 'FFDF']);
const isJpegPixels = (name: string) => JPEG_PIXELS.has(name) || /^FF(C[0-9A-F]|D[0-7])$/.test(name);

const isPng = (bytes: Uint8Array) => bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
const isJpeg = (bytes: Uint8Array) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

/** The metadata of a PNG or JPEG as text, or undefined when the bytes are neither. */
export function imageMetadataText(bytes: Uint8Array): string | undefined {
  if (isPng(bytes)) return pngChunks(bytes, true).filter((c) => !PNG_PIXELS.has(c.name)).map(pngText).join('\n');
  if (isJpeg(bytes)) return jpegMetadata(bytes, true).join('\n');
  return undefined;
}

/** A zip entry's or attachment's image metadata, as a place to search; none when it is no image. */
export function mediaPlaces(name: string, bytes: Uint8Array): Place[] {
  const text = imageMetadataText(bytes);
  return text ? [{ place: `image metadata of ${name}`, text, names: true }] : [];
}

/**
 * The metadata of every JPEG a PDF holds. A DCTDecode image stream is the JPEG file itself, so
 * each start of image (FF D8 FF) in the file is read up to its end; bytes after it are the PDF's.
 * Other image streams hold pixels only: a PDF has no place for a PNG's chunks.
 */
export function pdfImagePlaces(pdf: Uint8Array): Place[] {
  const texts: string[] = [];
  for (let at = pdf.indexOf(0xff); at >= 0 && at + 2 < pdf.length; at = pdf.indexOf(0xff, at + 1)) {
    if (pdf[at + 1] !== 0xd8 || pdf[at + 2] !== 0xff) continue;
    let parts: ImagePart[];
    try {
      parts = jpegSegments(pdf.subarray(at), true);
    } catch {
      continue;
    }
    texts.push(...jpegParts(parts, false));
    const end = parts.find((p) => p.name === 'FFD9');
    if (end) at += end.end - 1;
  }
  return texts.length ? [{ place: 'image metadata in the PDF', text: texts.join('\n'), names: true }] : [];
}

function jpegMetadata(bytes: Uint8Array, withTrailer: boolean): string[] {
  return jpegParts(jpegSegments(bytes, true), withTrailer);
}

function jpegParts(parts: readonly ImagePart[], withTrailer: boolean): string[] {
  return parts.filter((p) => !isJpegPixels(p.name) && (withTrailer || p.name !== 'trailer')).map((p) => textRuns(p.payload));
}

function pngText(chunk: ImagePart): string {
  const data = chunk.payload;
  const keywordEnd = data.indexOf(0);
  const keyword = keywordEnd >= 0 ? latin1(data.subarray(0, keywordEnd)) : '';
  const rest = data.subarray(keywordEnd + 1);
  switch (chunk.name) {
    case 'tEXt':
      return `${keyword}\n${latin1(rest)}`;
    case 'zTXt':
      return `${keyword}\n${latin1(inflated(rest.subarray(1)))}`;
    case 'iCCP':
      return `${keyword}\n${textRuns(inflated(rest.subarray(1)))}`;
    case 'iTXt': {
      // keyword, compression flag and method, language tag, translated keyword, text.
      const compressed = rest[0] === 1;
      const languageEnd = rest.indexOf(0, 2);
      const translatedEnd = rest.indexOf(0, languageEnd + 1);
      const text = rest.subarray(translatedEnd + 1);
      const head = new TextDecoder().decode(rest.subarray(2, Math.max(2, translatedEnd)));
      return `${keyword}\n${head}\n${new TextDecoder().decode(compressed ? inflated(text) : text)}`;
    }
    default:
      return textRuns(data);
  }
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** Inflated data, or the data itself when it does not inflate (a damaged chunk is still searched). */
function inflated(bytes: Uint8Array): Uint8Array {
  try {
    return inflateSync(bytes);
  } catch {
    return bytes;
  }
}

/**
 * Binary metadata read as text four ways (UTF-8, Latin-1, UTF-16 both byte orders), since EXIF,
 * XMP, IPTC and ICC profiles use all of them; control characters break words.
 */
export function textRuns(bytes: Uint8Array): string {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const even = view.subarray(0, view.length - (view.length % 2));
  const readings = [view.toString('utf8'), view.toString('latin1'), even.toString('utf16le'), Buffer.from(even).swap16().toString('utf16le')];
  return readings.map((text) => text.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]+/g, '\n')).join('\n');
}
