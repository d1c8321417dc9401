/**
 * Small real images for tests, made with independent encoders (pngjs, jpeg-js), with metadata
 * planted the way cameras and editors write it: JPEG COM, EXIF, XMP, IPTC and trailers; PNG text
 * chunks, eXIf and tIME. Also headers that declare sizes no file holds.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import jpegJs from 'jpeg-js';
import { PNG } from 'pngjs';

const require = createRequire(import.meta.url);
/** A real ICC colour profile (sRGB), as shipped with pdfkit. */
export const ICC_PROFILE = readFileSync(path.join(path.dirname(require.resolve('pdfkit')), 'data/sRGB_IEC61966_2_1.icc'));

/** RGBA pixels with a gradient, so that every pixel differs from its neighbours. */
export function pixels(width: number, height: number, alpha = 255): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([(i * 7) & 255, (255 - i * 3) & 255, (i * 13) & 255, alpha], i * 4);
  return data;
}

const u32 = (n: number) => Buffer.from([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

export function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
}

/** The chunks of a PNG as [type, data] pairs. */
export function chunksOf(png: Uint8Array): [string, Buffer][] {
  const bytes = Buffer.from(png);
  const chunks: [string, Buffer][] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    chunks.push([bytes.toString('latin1', at + 4, at + 8), bytes.subarray(at + 8, at + 8 + length)]);
    at += 12 + length;
  }
  return chunks;
}

/** A PNG (RGB, or RGBA when `alpha`) with `extra` chunks inserted after IHDR. */
export function pngWith(extra: Buffer[], options: { width?: number; height?: number; alpha?: boolean } = {}): Buffer {
  const { width = 12, height = 8, alpha = false } = options;
  const png = new PNG({ width, height, colorType: alpha ? 6 : 2, inputHasAlpha: true });
  pixels(width, height, alpha ? 128 : 255).copy(png.data);
  const plain = PNG.sync.write(png, { colorType: alpha ? 6 : 2 });
  const ihdrEnd = 8 + 25;
  return Buffer.concat([plain.subarray(0, ihdrEnd), ...extra, plain.subarray(ihdrEnd)]);
}

/** The text chunks an editor writes: tEXt, zTXt (compressed) and iTXt (UTF-8, compressed or not). */
export function pngTextChunks(text: string): Buffer[] {
  return [
    pngChunk('tEXt', Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.from(text, 'latin1')])),
    pngChunk('zTXt', Buffer.concat([Buffer.from('Description\0\0', 'latin1'), deflateSync(Buffer.from(text, 'latin1'))])),
    pngChunk('iTXt', Buffer.concat([Buffer.from('Title\0\0\0en\0Title\0', 'latin1'), Buffer.from(text, 'utf8')])),
    pngChunk('iTXt', Buffer.concat([Buffer.from('Author\0\x01\0\0\0', 'latin1'), deflateSync(Buffer.from(text, 'utf8'))])),
    pngChunk('eXIf', exifTiff(text)),
    pngChunk('tIME', Buffer.from([0x07, 0xdf, 10, 26, 9, 30, 0])),
  ];
}

/** A colour profile chunk (iCCP): profile name, compression method 0, deflated profile. */
export const pngIccChunk = () => pngChunk('iCCP', Buffer.concat([Buffer.from('sRGB\0\0', 'latin1'), deflateSync(ICC_PROFILE)]));

/** A big-endian TIFF structure, as EXIF holds it, with an ImageDescription and an Artist string. */
export function exifTiff(text: string): Buffer {
  const value = Buffer.from(`${text}\0`, 'latin1');
  const entries = 2;
  const ifdSize = 2 + entries * 12 + 4;
  const valueAt = 8 + ifdSize;
  const entry = (tag: number, offset: number) => Buffer.concat([Buffer.from([tag >> 8, tag & 255, 0, 2]), u32(value.length), u32(offset)]);
  return Buffer.concat([Buffer.from('MM\0\x2a', 'latin1'), u32(8), Buffer.from([0, entries]), entry(0x010e, valueAt), entry(0x013b, valueAt + value.length), u32(0), value, value]);
}

export function jpegSegment(marker: number, payload: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 255]), payload]);
}

/** The segments a camera and an editor add: COM, APP1 EXIF, APP1 XMP, APP13 IPTC, and APP2 ICC_PROFILE (kept). */
export function jpegMetadataSegments(text: string): Buffer[] {
  return [
    jpegSegment(0xfe, Buffer.from(text, 'latin1')),
    jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff(text)])),
    jpegSegment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:description>${text}</dc:description></x:xmpmeta>`, 'utf8')),
    jpegSegment(0xed, Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), Buffer.from(text, 'latin1')])),
  ];
}

export const jpegIccSegment = () => jpegSegment(0xe2, Buffer.concat([Buffer.from('ICC_PROFILE\0', 'latin1'), Buffer.from([1, 1]), ICC_PROFILE]));

/** A baseline JPEG with `extra` segments after its JFIF header and `trailer` bytes after EOI. */
export function jpegWith(extra: Buffer[], options: { width?: number; height?: number; trailer?: Buffer } = {}): Buffer {
  const { width = 16, height = 8, trailer = Buffer.alloc(0) } = options;
  const plain = Buffer.from(jpegJs.encode({ data: pixels(width, height), width, height }, 90).data);
  const jfifEnd = 2 + 2 + plain.readUInt16BE(4);
  return Buffer.concat([plain.subarray(0, jfifEnd), ...extra, plain.subarray(jfifEnd), trailer]);
}

/** The decoded RGBA pixels of a JPEG (jpeg-js) or PNG (pngjs). */
export function decodedPixels(bytes: Uint8Array): Buffer {
  if (bytes[0] === 0xff) return Buffer.from(jpegJs.decode(bytes, { useTArray: true, formatAsRGBA: true }).data);
  return PNG.sync.read(Buffer.from(bytes)).data;
}

/** A PNG header that declares `width` × `height` with a few bytes of image data and nothing else. */
export function pngDeclaring(width: number, height: number): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.alloc(1))), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A JPEG whose frame header (SOF0) declares `width` × `height`, with no real scan data. */
export function jpegDeclaring(width: number, height: number): Buffer {
  const sof = Buffer.from([8, height >> 8, height & 255, width >> 8, width & 255, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  const jfif = jpegSegment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
  return Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, jpegSegment(0xc0, sof), Buffer.from([0xff, 0xd9])]);
}
