/**
 * Reading a Word file's package before anything converts it: a ZIP archive whose central
 * directory is read first, so that its declared sizes are checked against the limits before a
 * byte is inflated; each part is then inflated with its declared size as a hard ceiling, so an
 * archive that lies about its sizes stops at the limit too. What is refused, each with its reason:
 * a file that is not a ZIP (an encrypted Word file is an OLE compound file, as is a Word 97–2003
 * `.doc`), an encrypted or unsupported ZIP, a package whose main part is not a Word document or
 * is macro-enabled (`.docm`), and more parts or bytes than the limits.
 */
import { inflateRawSync } from 'node:zlib';
import { attribute, descendants, parseXml } from './xml.js';

export interface PackageLimits {
  /** The sum of the parts' uncompressed sizes. */
  totalBytes: number;
  /** The number of entries in the archive. */
  entries: number;
}

/** A Word paper is a few megabytes; 100 MiB leaves room for many images and stops a zip bomb early. */
export const PACKAGE_LIMITS: PackageLimits = { totalBytes: 100 * 1024 * 1024, entries: 5000 };

/** A part of the package, by its name in the archive (e.g. `word/document.xml`). */
export type DocxParts = ReadonlyMap<string, Uint8Array>;

/** Why a file could not be read as a Word document: said to the user as it stands. */
export class PackageError extends Error {}

const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const MACRO_MAIN = new Set(['application/vnd.ms-word.document.macroEnabled.main+xml', 'application/vnd.ms-word.template.macroEnabledTemplate.main+xml']);

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The package's parts, inflated within `limits`; a `PackageError` saying what is wrong otherwise. */
export function readDocxPackage(bytes: Uint8Array, limits: PackageLimits = PACKAGE_LIMITS): DocxParts {
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    throw new PackageError('is password-protected (encrypted), or a Word 97–2003 .doc file: it is not a .docx package. Remove the password in Word (File › Info › Protect Document), or save it as a .docx, and import that.');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22 || view.getUint32(0, true) !== LOCAL_HEADER) {
    throw new PackageError('is not a Word document (.docx): it is not a ZIP package. Save it from Word as a .docx and import that.');
  }
  const entries = centralDirectory(view, limits);
  const parts = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    parts.set(entry.name, inflate(bytes, view, entry));
  }
  const types = parts.get('[Content_Types].xml');
  if (!types || !parts.has('word/document.xml')) {
    throw new PackageError('is a ZIP archive but not a Word document: it has no word/document.xml or [Content_Types].xml. Save it from Word as a .docx and import that.');
  }
  const text = new TextDecoder().decode(types);
  // The content types are matched as whole attribute values, which is all a content type is.
  if ([...MACRO_MAIN].some((type) => text.includes(`"${type}"`)) || parts.has('word/vbaProject.bin')) {
    throw new PackageError('is macro-enabled (.docm): ogp-pack does not import documents with macros. Save it from Word as a .docx (Word Document), which drops the macros, and import that.');
  }
  if (!text.includes(`"${WORD_MAIN}"`)) {
    throw new PackageError('is not a Word document: its main part is not a word-processing document (a template, or another Office file?). Save it from Word as a .docx and import that.');
  }
  return parts;
}

/** The central directory's entries, after checking their number and declared sizes against the limits. */
function centralDirectory(view: DataView, limits: PackageLimits): Entry[] {
  // The end record is in the last 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new PackageError('is corrupt: its ZIP directory is missing (a truncated download or copy?). Save it again from Word and import the new file.');
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw new PackageError(`is larger than ogp-pack imports (a ZIP64 archive); the limit is ${limits.totalBytes / 1024 / 1024} MiB uncompressed.`);
  if (count > limits.entries) throw new PackageError(`holds ${count} parts, more than the ${limits.entries} ogp-pack reads from one document.`);
  if (at + size > end) throw new PackageError('is corrupt: its ZIP directory points outside the file. Save it again from Word and import the new file.');
  const entries: Entry[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY) throw new PackageError('is corrupt: its ZIP directory is damaged. Save it again from Word and import the new file.');
    const nameLength = view.getUint16(at + 28, true);
    if (at + 46 + nameLength > end) throw new PackageError('is corrupt: its ZIP directory is damaged. Save it again from Word and import the new file.');
    const entry: Entry = {
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: new TextDecoder().decode(new Uint8Array(view.buffer, view.byteOffset + at + 46, nameLength)),
    };
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (entry.flags & 1) throw new PackageError('is password-protected (an encrypted ZIP). Remove the password and import it again.');
    total += entry.size;
    if (total > limits.totalBytes) {
      throw new PackageError(`would inflate to more than ${limits.totalBytes / 1024 / 1024} MiB (a ZIP bomb, or a document with very large images). Reduce its images in Word (Picture Format › Compress Pictures) and import it again.`);
    }
    entries.push(entry);
  }
  return entries;
}

/** One part, inflated to at most its declared size. */
function inflate(bytes: Uint8Array, view: DataView, entry: Entry): Uint8Array {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) throw new PackageError(`is corrupt: its part ${entry.name} is damaged. Save it again from Word and import the new file.`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new PackageError(`is corrupt: its part ${entry.name} is cut short. Save it again from Word and import the new file.`);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new PackageError(`uses a ZIP compression ogp-pack does not read (method ${entry.method}) for ${entry.name}. Save it again from Word and import the new file.`);
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new PackageError(`is corrupt or a ZIP bomb: its part ${entry.name} inflates to more than the ${entry.size} bytes it declares.`);
    throw new PackageError(`is corrupt: its part ${entry.name} cannot be inflated (${(error as Error).message}). Save it again from Word and import the new file.`);
  }
  if (out.length !== entry.size) throw new PackageError(`is corrupt: its part ${entry.name} inflates to ${out.length} bytes, not the ${entry.size} it declares. Save it again from Word and import the new file.`);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Refuses a document showing an image from outside it (a linked picture): ogp-pack reads no file or URL a document names. */
export function refuseExternalImages(parts: DocxParts): void {
  for (const name of parts.keys()) {
    if (!/^word\/_rels\/[^/]+\.rels$/.test(name)) continue;
    for (const relationship of descendants(parseXml(parts, name), 'Relationship')) {
      if (attribute(relationship, 'TargetMode') === 'External' && (attribute(relationship, 'Type') ?? '').endsWith('/image')) {
        throw new PackageError(`shows an image linked from outside the document (${attribute(relationship, 'Target') ?? ''}), which ogp-pack does not fetch. In Word, select the picture and use File › Info › Edit Links to Files › Break Link (or insert the picture again without "Link to File"), save, and import again.`);
      }
    }
  }
}
