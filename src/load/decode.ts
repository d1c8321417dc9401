import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { OUTSIDE, type SourceTree } from '../io/source-tree.js';
import { fileSizeProblem, lineLengthProblem } from './limits.js';
import { pointInText } from './positions.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a source file as UTF-8 text, or explains why it is not a text file. */
export function decodeSource(file: string, bytes: Uint8Array): { text: string } | { diagnostic: Diagnostic } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { diagnostic: diagnostic({ file, rule: 'encoding', message: 'This file is UTF-16 text. Save it as UTF-8.' }) };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      diagnostic: diagnostic({
        file,
        rule: 'encoding',
        message: `This is a binary file (NUL byte at offset ${nul}), not Markdown or YAML text. Move it out of the content directory or replace it with a text source.`,
      }),
    };
  }
  try {
    // The decoder drops a leading byte-order mark, so positions match what editors show.
    return { text: utf8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    return {
      diagnostic: diagnostic({
        file,
        span: { start: pointInText(prefix, prefix.length) },
        rule: 'encoding',
        message: `Invalid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at offset ${bad}). Save the file as UTF-8.`,
      }),
    };
  }
}

/** Offset of the first byte that starts an invalid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    if (length > 1 && !isValidSequence(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return i;
}

function isValidSequence(seq: Uint8Array): boolean {
  try {
    utf8.decode(seq);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a text file of the content directory that is not a source (the word list, the check
 * configuration) under the sources' rules: inside the directory, within the limits, UTF-8.
 */
export async function readTextSource(tree: SourceTree, path: string, file: string): Promise<{ text: string } | { diagnostic: Diagnostic }> {
  let bytes: Uint8Array;
  try {
    bytes = await tree.read(path);
  } catch (error) {
    // Outside links are reported once, by the loader; this says only that the file was not read.
    const outside = (error as { code?: unknown }).code === OUTSIDE;
    const why = outside ? 'it leads outside the content directory' : (error as Error).message;
    return { diagnostic: diagnostic({ file, rule: outside ? 'outside-content' : 'read-error', message: `Cannot read this file: ${why}. Check that it exists and is readable.` }) };
  }
  const tooBig = fileSizeProblem(file, bytes);
  if (tooBig) return { diagnostic: tooBig };
  const decoded = decodeSource(file, bytes);
  if ('diagnostic' in decoded) return decoded;
  const longLine = lineLengthProblem(file, decoded.text);
  return longLine ? { diagnostic: longLine } : decoded;
}
