/** Reads a built output into the places the leak gate searches, by the file's extension. */
import type { Place } from '../leaks.js';

export async function readOutput(name: string, bytes: Uint8Array): Promise<Place[]> {
  const places: Place[] = [{ place: 'file name', text: name, names: true }];
  const extension = name.toLowerCase().split('.').pop();
  // The readers are loaded on demand, so that checking a manifest never loads pdfjs or jszip.
  if (extension === 'pdf') places.push(...(await (await import('./pdf.js')).readPdf(bytes)), ...(await import('./images.js')).pdfImagePlaces(bytes));
  else if (extension === 'docx') places.push(...(await (await import('./docx.js')).readDocx(bytes)));
  else places.push({ place: 'text', text: new TextDecoder().decode(bytes), names: true });
  return places;
}

/** UTF-8 (or UTF-16 with a byte-order mark) text, or undefined for binary content. */
export function textOf(bytes: Uint8Array): string | undefined {
  try {
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.includes('\0') ? undefined : text;
  } catch {
    return undefined;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML character and entity references. */
export const decodeEntities = (text: string): string =>
  text.includes('&')
    ? text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
        if (ref[0] === '#') {
          const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
          return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
        }
        return ENTITIES[ref] ?? whole;
      })
    : text;
