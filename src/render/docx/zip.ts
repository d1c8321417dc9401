/**
 * The DOCX package's zip, written in one synchronous pass: each entry deflated by pako at
 * level 6, the deflate JSZip itself uses, and laid out as JSZip lays out a zip written for the
 * DOS platform (no data descriptors, no extra fields for ASCII names, UTF-8 flag and Info-ZIP
 * Unicode Path field for others), so the bytes are those JSZip would write. An entry can come
 * already deflated (`Deflated`), so a part that is the same in every build, such as an embedded
 * font, is compressed once per process.
 */
import { crc32 } from 'node:zlib';
import pako from 'pako';

/** An entry's content as the zip stores it. */
export interface Deflated {
  /** The raw deflate stream (or nothing, for an empty entry, which is stored). */
  data: Uint8Array;
  crc32: number;
  size: number;
}

const LEVEL = 6;

/** Deflates `data` as the zip will store it. */
export function deflate(data: Uint8Array): Deflated {
  return { data: data.length === 0 ? data : pako.deflateRaw(data, { level: LEVEL }), crc32: data.length === 0 ? 0 : crc32(data), size: data.length };
}

/** The zip of `entries`, in their order, every entry with the time `date` (UTC fields, two-second resolution). */
export function writeZip(entries: readonly { name: string; content: Deflated }[], date: Date): Uint8Array {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const directory: Uint8Array[] = [];
  let offset = 0;
  for (const { name, content } of entries) {
    const encodedName = encoder.encode(name);
    const unicode = encodedName.length !== name.length;
    // Info-ZIP Unicode Path: version 1, the CRC of the name as written, the name in UTF-8.
    const extra = unicode ? Buffer.concat([u16(0x7075), u16(5 + encodedName.length), Uint8Array.of(1), u32(crc32(encodedName)), encodedName]) : new Uint8Array(0);
    const header = Buffer.concat([
      u16(10), // version needed to extract: 1.0
      u16(unicode ? 0x0800 : 0),
      u16(content.size === 0 ? 0 : 8), // stored when empty, else deflated
      u16(time),
      u16(day),
      u32(content.crc32),
      u32(content.data.length),
      u32(content.size),
      u16(encodedName.length),
      u16(extra.length),
    ]);
    const local = Buffer.concat([u32(0x04034b50), header, encodedName, extra]);
    directory.push(Buffer.concat([u32(0x02014b50), u16(0x0014), header, u16(0), u16(0), u16(0), u32(0), u32(offset), encodedName, extra]));
    locals.push(local, content.data);
    offset += local.length + content.data.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(directoryBytes.length), u32(offset), u16(0)]);
  return Buffer.concat([...locals, directoryBytes, end]);
}

const u16 = (value: number) => Uint8Array.of(value & 0xff, (value >>> 8) & 0xff);
const u32 = (value: number) => Uint8Array.of(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
