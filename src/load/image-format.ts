/**
 * The structure of PNG and JPEG files, read without decoding a pixel: their chunks and segments,
 * checked (so that a damaged file is a diagnostic, not a crash in a renderer), and copied without
 * the metadata an author never sees (comments, EXIF, XMP, text chunks, thumbnails, trailers).
 * Pixel data and colour information are copied byte for byte, never re-encoded.
 */
import { createInflate, crc32 } from 'node:zlib';

/** A problem with an image file, worded for its author; it never quotes the file's contents. */
export class ImageFormatError extends Error {}

/** One piece of a file: its byte range, with the payload after its header. */
export interface ImagePart {
  /** A PNG chunk type (`IDAT`), or a JPEG marker as `FFxx`, or `entropy` for JPEG scan data, or `trailer`. */
  name: string;
  start: number;
  end: number;
  payload: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The chunks a PNG keeps: pixels, palette, transparency and colour; everything else is metadata or unused by renderers. */
export const PNG_KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'pHYs', 'sBIT']);

const u16 = (bytes: Uint8Array, at: number) => (bytes[at]! << 8) | bytes[at + 1]!;
const u32 = (bytes: Uint8Array, at: number) => ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;

/**
 * A PNG's chunks up to IEND, each checked against its CRC. With `lenient`, a damaged file gives
 * the chunks before the damage and the rest as one `trailer` part instead of an error.
 */
export function pngChunks(bytes: Uint8Array, lenient = false): ImagePart[] {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new ImageFormatError('does not start like a PNG file');
  const parts: ImagePart[] = [];
  let at = 8;
  const fail = (reason: string): ImagePart[] => {
    if (!lenient) throw new ImageFormatError(reason);
    if (at < bytes.length) parts.push({ name: 'trailer', start: at, end: bytes.length, payload: bytes.subarray(at) });
    return parts;
  };
  for (;;) {
    if (at + 12 > bytes.length) return fail('is cut short: it ends before its last chunk (IEND)');
    const length = u32(bytes, at);
    const name = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!/^[A-Za-z]{4}$/.test(name)) return fail('is damaged: a chunk has no valid type');
    // Checked before anything is allocated, so a declared length can never cost memory.
    if (length > bytes.length - at - 12) return fail('is cut short: a chunk is longer than the rest of the file');
    const end = at + 12 + length;
    if (crc32(bytes.subarray(at + 4, end - 4)) !== u32(bytes, end - 4)) return fail('is damaged: a chunk does not match its checksum');
    parts.push({ name, start: at, end, payload: bytes.subarray(at + 8, end - 4) });
    at = end;
    if (name === 'IEND') {
      if (lenient && at < bytes.length) parts.push({ name: 'trailer', start: at, end: bytes.length, payload: bytes.subarray(at) });
      return parts;
    }
  }
}

/** What IHDR says about the pixels. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlaced: boolean;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const BIT_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** Checks that a PNG's chunks make a standard image that the renderers can embed; returns its header. */
export function checkPng(chunks: readonly ImagePart[]): PngHeader {
  const ihdr = chunks[0];
  if (ihdr?.name !== 'IHDR' || ihdr.payload.length !== 13) throw new ImageFormatError('is damaged: it does not start with an image header (IHDR)');
  const p = ihdr.payload;
  const header = { width: u32(p, 0), height: u32(p, 4), bitDepth: p[8]!, colourType: p[9]!, interlaced: p[12] === 1 };
  if (!header.width || !header.height || header.width > 0x7fffffff || header.height > 0x7fffffff) throw new ImageFormatError('is damaged: its header gives no valid size');
  if (!BIT_DEPTHS[header.colourType]?.includes(header.bitDepth) || p[10] !== 0 || p[11] !== 0 || p[12]! > 1) throw new ImageFormatError('is damaged: its header gives an invalid colour type, bit depth or method');
  const names = chunks.map((c) => c.name);
  const firstData = names.indexOf('IDAT');
  if (firstData < 0) throw new ImageFormatError('has no image data (IDAT)');
  if (names.slice(firstData, names.lastIndexOf('IDAT') + 1).some((n) => n !== 'IDAT')) throw new ImageFormatError('is damaged: its image data (IDAT) is split by other chunks');
  if (header.colourType === 3 && !names.includes('PLTE')) throw new ImageFormatError('is damaged: it uses a palette but has none (PLTE)');
  // A critical chunk (upper-case first letter) that a decoder does not know means the file cannot be shown correctly.
  if (names.some((n) => n[0]! >= 'A' && n[0]! <= 'Z' && !PNG_KEPT.has(n))) throw new ImageFormatError('uses a non-standard PNG extension (an unknown critical chunk); save it again as a standard PNG');
  return header;
}

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** The size of a PNG's decompressed image data: each row of each pass is a filter byte and its pixels. */
export function pngDataSize(header: PngHeader): number {
  const bits = CHANNELS[header.colourType]! * header.bitDepth;
  const rows = (width: number, height: number) => (width > 0 && height > 0 ? height * (1 + Math.ceil((width * bits) / 8)) : 0);
  if (!header.interlaced) return rows(header.width, header.height);
  return ADAM7.reduce((sum, [x, y, dx, dy]) => sum + rows(Math.ceil((header.width - x) / dx), Math.ceil((header.height - y) / dy)), 0);
}

/**
 * Whether the IDAT chunks decompress to at least the image's size, counted as it streams, so that
 * the memory used does not grow with the image. A renderer that decodes a damaged stream would
 * throw where no diagnostic can be given.
 */
export async function checkPngData(chunks: readonly ImagePart[], header: PngHeader): Promise<void> {
  const expected = pngDataSize(header);
  const inflate = createInflate();
  let produced = 0;
  const outcome = new Promise<'complete' | 'short' | 'damaged'>((resolve) => {
    inflate.on('data', (piece: Buffer) => {
      produced += piece.length;
      // Enough for every row: the rest is not needed and is not decompressed.
      if (produced >= expected) {
        resolve('complete');
        inflate.destroy();
      }
    });
    inflate.on('end', () => resolve(produced >= expected ? 'complete' : 'short'));
    inflate.on('error', () => resolve(produced >= expected ? 'complete' : 'damaged'));
    inflate.on('close', () => resolve(produced >= expected ? 'complete' : 'short'));
  });
  for (const chunk of chunks) if (chunk.name === 'IDAT' && !inflate.destroyed) inflate.write(chunk.payload);
  if (!inflate.destroyed) inflate.end();
  const result = await outcome;
  if (result === 'short') throw new ImageFormatError('is cut short: its image data ends before the last row');
  if (result === 'damaged') throw new ImageFormatError('is damaged: its image data cannot be decompressed');
}

/** A PNG with only the kept chunks, each copied as it was (with its CRC), so the pixels are the same bytes. */
export function stripPng(bytes: Uint8Array, chunks: readonly ImagePart[]): Uint8Array {
  const kept = chunks.filter((c) => PNG_KEPT.has(c.name));
  const out = new Uint8Array(8 + kept.reduce((sum, c) => sum + c.end - c.start, 0));
  out.set(bytes.subarray(0, 8));
  let at = 8;
  for (const c of kept) {
    out.set(bytes.subarray(c.start, c.end), at);
    at += c.end - c.start;
  }
  return out;
}

const hex = (marker: number) => `FF${marker.toString(16).toUpperCase().padStart(2, '0')}`;
const isStandalone = (marker: number) => (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01;
/** Start-of-frame markers: SOF0–SOF15 less DHT (C4), JPG (C8) and DAC (CC). */
const isFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/**
 * A JPEG's segments from SOI to EOI, with each scan's entropy-coded data as an `entropy` part
 * (restart markers and stuffed bytes included), and anything after EOI as a `trailer`. With
 * `lenient`, a damaged file gives the parts before the damage and the rest as a `trailer`.
 */
export function jpegSegments(bytes: Uint8Array, lenient = false): ImagePart[] {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new ImageFormatError('does not start like a JPEG file');
  const parts: ImagePart[] = [{ name: 'FFD8', start: 0, end: 2, payload: bytes.subarray(2, 2) }];
  let at = 2;
  const fail = (reason: string): ImagePart[] => {
    if (!lenient) throw new ImageFormatError(reason);
    if (at < bytes.length) parts.push({ name: 'trailer', start: at, end: bytes.length, payload: bytes.subarray(at) });
    return parts;
  };
  for (;;) {
    if (at >= bytes.length) return fail('is cut short: it ends before its end marker (EOI)');
    if (bytes[at] !== 0xff) return fail('is damaged: a segment does not start with a marker');
    let m = at + 1;
    // Fill bytes (0xFF) may precede any marker.
    while (m < bytes.length && bytes[m] === 0xff) m++;
    if (m >= bytes.length) return fail('is cut short: it ends before its end marker (EOI)');
    const marker = bytes[m]!;
    if (marker === 0xd9) {
      parts.push({ name: 'FFD9', start: at, end: m + 1, payload: bytes.subarray(m + 1, m + 1) });
      if (m + 1 < bytes.length) parts.push({ name: 'trailer', start: m + 1, end: bytes.length, payload: bytes.subarray(m + 1) });
      return parts;
    }
    if (isStandalone(marker)) {
      parts.push({ name: hex(marker), start: at, end: m + 1, payload: bytes.subarray(m + 1, m + 1) });
      at = m + 1;
      continue;
    }
    if (marker === 0x00 || marker === 0xd8) return fail('is damaged: it has a marker out of place');
    if (m + 3 > bytes.length) return fail('is cut short: it ends inside a segment');
    const length = u16(bytes, m + 1);
    if (length < 2) return fail('is damaged: a segment has an invalid length');
    const end = m + 1 + length;
    if (end > bytes.length) return fail('is cut short: a segment is longer than the rest of the file');
    parts.push({ name: hex(marker), start: at, end, payload: bytes.subarray(m + 3, end) });
    at = end;
    if (marker !== 0xda) continue;
    // Scan data runs to the next marker that is neither a stuffed 0x00 nor a restart marker.
    let scan = at;
    for (;;) {
      const ff = bytes.indexOf(0xff, scan);
      if (ff < 0 || ff + 1 >= bytes.length) {
        at = bytes.length;
        return fail('is cut short: its image data ends before its end marker (EOI)');
      }
      const next = bytes[ff + 1]!;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) scan = ff + 2;
      else {
        parts.push({ name: 'entropy', start: at, end: ff, payload: bytes.subarray(at, ff) });
        at = ff;
        break;
      }
    }
  }
}

/** Checks that a JPEG has a frame header before its first scan, with a size and 1, 3 or 4 components (grey, RGB/YCbCr, CMYK). */
export function checkJpeg(segments: readonly ImagePart[]): { width: number; height: number } {
  const frame = segments.findIndex((s) => s.name.startsWith('FF') && isFrame(parseInt(s.name.slice(2), 16)));
  const scan = segments.findIndex((s) => s.name === 'FFDA');
  if (frame < 0 || scan < 0 || scan < frame) throw new ImageFormatError('is damaged: it has no frame header before its image data');
  const sof = segments[frame]!.payload;
  if (sof.length < 6) throw new ImageFormatError('is damaged: its frame header is too short');
  const height = u16(sof, 1);
  const width = u16(sof, 3);
  if (!width || !height) throw new ImageFormatError('is damaged: its frame header gives no size');
  if (![1, 3, 4].includes(sof[5]!)) throw new ImageFormatError('has an unusual number of colour components; save it again as an RGB or greyscale JPEG');
  return { width, height };
}

const startsWith = (payload: Uint8Array, text: string) => payload.length >= text.length && [...text].every((c, i) => payload[i] === c.charCodeAt(0));

/**
 * Whether a JPEG segment is kept: frame, tables, scans and restart intervals; APP0 JFIF (its
 * thumbnail is dropped separately), APP2 ICC_PROFILE (the colour profile) and APP14 Adobe (the
 * colour transform of CMYK and YCCK images). Comments, EXIF, XMP, IPTC, other APPn and anything
 * after EOI are not.
 */
export function keepsJpegPart(part: ImagePart): boolean {
  if (part.name === 'entropy') return true;
  if (part.name === 'trailer') return false;
  const marker = parseInt(part.name.slice(2), 16);
  if (marker === 0xe0) return startsWith(part.payload, 'JFIF\0');
  if (marker === 0xe2) return startsWith(part.payload, 'ICC_PROFILE\0');
  if (marker === 0xee) return startsWith(part.payload, 'Adobe');
  // SOI, EOI, RSTn, SOFn, DHT, DAC, DQT, SOS, DNL, DRI, DHP, EXP.
  return marker === 0xd8 || marker === 0xd9 || isStandalone(marker) || (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc8) || (marker >= 0xda && marker <= 0xdf);
}

/** The 14 bytes of a JFIF header, with its thumbnail size set to 0 × 0. */
const JFIF_HEADER = 14;

/** A JPEG with only the kept segments, each copied as it was (a JFIF header without its thumbnail). */
export function stripJpeg(bytes: Uint8Array, segments: readonly ImagePart[]): Uint8Array {
  const pieces: Uint8Array[] = [];
  for (const part of segments) {
    if (!keepsJpegPart(part)) continue;
    if (part.name === 'FFE0' && part.payload.length > JFIF_HEADER) {
      const app0 = new Uint8Array(4 + JFIF_HEADER);
      app0.set([0xff, 0xe0, 0x00, 2 + JFIF_HEADER]);
      app0.set(part.payload.subarray(0, JFIF_HEADER - 2), 4);
      pieces.push(app0);
    } else pieces.push(bytes.subarray(part.start, part.end));
  }
  const out = new Uint8Array(pieces.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/**
 * Checks an image and returns it without metadata, with the size its own headers give, or throws
 * an `ImageFormatError`. The pixel data, palette, transparency and colour profile are the original bytes.
 */
export async function cleanImage(bytes: Uint8Array, type: 'png' | 'jpg'): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  if (type === 'png') {
    const chunks = pngChunks(bytes);
    const header = checkPng(chunks);
    await checkPngData(chunks, header);
    return { bytes: stripPng(bytes, chunks), width: header.width, height: header.height };
  }
  const segments = jpegSegments(bytes);
  return { bytes: stripJpeg(bytes, segments), ...checkJpeg(segments) };
}
