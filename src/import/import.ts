/**
 * `import`'s library: a Word document's bytes in, the paper's files and what was found out. Pure:
 * it reads nothing and writes nothing, so the command decides where the files go and whether they
 * may replace others. The stages, in order:
 *
 * 1. the package, read within limits, refused when it is not a plain Word document;
 * 2. its leftovers found in the XML (bookmarks, comments, tracked changes, hidden text), the
 *    hidden runs taken out, the lists numbered as Word numbers them;
 * 3. a document with tracked changes refused unless they are accepted;
 * 4. mammoth's HTML, as mdast, through the passes of `body.ts`;
 * 5. the front matter, complex tables as data files, images as figures, the Markdown.
 */
import { diagnostic, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import { dropEmptyParagraphs, htmlToMdast, listTypedNumbering, numberLists, removeFieldErrors, reportMissingAlt, takeTitle, type BodyNote } from './body.js';
import { convertToHtml } from './convert.js';
import { coreProperties, frontMatterText, type PaperFrontMatter, type PaperStatus } from './front-matter.js';
import { scanDocument, type Leftover } from './leftovers.js';
import { extractTables, stringifyMarkdown } from './markdown.js';
import { XmlError } from './xml.js';
import { PACKAGE_LIMITS, PackageError, readDocxPackage, refuseExternalImages, type PackageLimits } from './package.js';

export interface ImportOptions {
  /** The paper's id: its file is `papers/<id>.md`. */
  id: string;
  status?: PaperStatus;
  /** Why a withheld paper is withheld. */
  reason?: string;
  /** Accept the document's tracked changes instead of refusing it. */
  acceptChanges?: boolean;
  /** The Word file as the user named it, for messages about it. */
  source: string;
  /** The content directory as the user named it, for the paths in messages, e.g. `content`. */
  contentLabel: string;
  /** The schemas' location as the data files' first line names it (`init`'s `schemaHint`). */
  schemaHint?: string;
  limits?: PackageLimits;
}

export interface ImportedFile {
  /** Relative to the content directory, with `/`: `papers/<id>.md`, `papers/figures/<id>-1.png`, `data/<id>-table-1.yaml`. */
  path: string;
  bytes: Uint8Array;
}

export interface ImportResult {
  /** Empty when the document was refused: the diagnostics say why. */
  files: ImportedFile[];
  diagnostics: Diagnostic[];
}

const PACK_IMAGE = /\.(png|jpg)$/;

export async function importDocx(bytes: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const refuse = (rule: string, message: string): ImportResult => ({ files: [], diagnostics: [diagnostic({ file: options.source, rule, message })] });
  let parts, scan, core;
  try {
    parts = readDocxPackage(bytes, options.limits ?? PACKAGE_LIMITS);
    refuseExternalImages(parts);
    scan = scanDocument(parts);
    core = coreProperties(parts);
  } catch (error) {
    if (error instanceof PackageError) return refuse('import-package', `${options.source} ${error.message}`);
    if (error instanceof XmlError) return refuse('import-package', `${options.source} is corrupt: ${error.message}. Open it in Word, save it again, and import the new file.`);
    throw error;
  }
  if (scan.changes.length > 0 && !options.acceptChanges) {
    return {
      files: [],
      diagnostics: scan.changes.map((change) =>
        diagnostic({ file: options.source, rule: 'import-tracked-changes', message: `${options.source} has ${change.message} not yet accepted. Accept or reject the changes in Word (Review › Accept), or import with --accept-changes to accept them all.` }),
      ),
    };
  }

  let converted;
  try {
    converted = await convertToHtml(parts, scan.document, options.id);
  } catch (error) {
    // mammoth reads every part, and a part it cannot read (styles, say) stops it.
    return refuse('import-package', `${options.source} is corrupt: Word's XML in it cannot be read (${(error as Error).message.split('\n')[0]}). Open it in Word, save it again, and import the new file.`);
  }
  const tree = htmlToMdast(converted.html);
  const notes: BodyNote[] = [];
  numberLists(tree, scan.lists, notes);
  listTypedNumbering(tree, notes);
  removeFieldErrors(tree, notes);
  dropEmptyParagraphs(tree);
  reportMissingAlt(tree, notes);

  const paperPath = `papers/${options.id}.md`;
  const shown = options.contentLabel === '.' ? paperPath : `${options.contentLabel}/${paperPath}`;
  const found: { rule: string; severity: Severity; message: string; near?: string }[] = [];
  let title = takeTitle(tree, core.title);
  if (title === undefined) {
    title = options.id;
    found.push({ rule: 'import-title', severity: 'warning', message: `The Word document has no title in its properties and no heading to take it from, so the title is "${title}". Write the paper's title in its front matter.` });
  }
  const front: PaperFrontMatter = { id: options.id, title, status: options.status ?? 'included', ...(options.reason !== undefined ? { reason: options.reason } : {}), ...(core.date ? { date: core.date } : {}), ...(core.authors ? { authors: core.authors } : {}) };
  const { files: tables, flattened } = extractTables(tree, { id: options.id, title }, options.schemaHint);
  if (flattened > 0) found.push({ rule: 'import-nested-table', severity: 'warning', message: `${flattened} table${flattened === 1 ? '' : 's'} inside a table's cell became a paragraph per row (cells separated by |), since a table cell cannot hold a table. Rework ${flattened === 1 ? 'it' : 'them'} in the data file.` });
  const markdown = `${frontMatterText(front)}\n${stringifyMarkdown(tree)}`;

  for (const leftover of scan.leftovers) found.push({ rule: `import-${leftover.kind}`, severity: leftoverSeverity(leftover), message: leftover.message, ...(leftover.near ? { near: leftover.near } : {}) });
  for (const change of scan.changes) found.push({ rule: 'import-tracked-changes', severity: 'info', message: `Accepted ${change.message}.`, ...(change.near ? { near: change.near } : {}) });
  for (const note of notes) found.push(note);
  for (const image of converted.images) {
    if (!PACK_IMAGE.test(image.src)) found.push({ rule: 'import-image-format', severity: 'warning', near: image.src, message: `The image ${image.src} is not PNG or JPEG, which are the formats the pack prints. Export it from Word as PNG and replace the file.` });
  }
  if (core.date || core.authors) {
    found.push({ rule: 'import-properties', severity: 'info', message: `Took the ${[core.date ? `date (${core.date})` : '', core.authors ? `authors (${core.authors.join('; ')})` : ''].filter(Boolean).join(' and ')} from the Word document's properties. Check them: Word records who created the file and when.` });
  }

  const encoder = new TextEncoder();
  return {
    files: [
      { path: paperPath, bytes: encoder.encode(markdown) },
      ...converted.images.map((image) => ({ path: `papers/${image.src}`, bytes: image.bytes })),
      ...tables.map((table) => ({ path: `data/${table.id}.yaml`, bytes: encoder.encode(table.text) })),
    ],
    diagnostics: found.map((f) => diagnostic({ file: shown, rule: f.rule, severity: f.severity, message: f.message, ...(f.near ? { span: { start: locate(markdown, f.near) } } : {}) })),
  };
}

function leftoverSeverity(leftover: Leftover): Severity {
  return leftover.kind === 'bookmark' ? 'info' : 'warning';
}

/** Where `near` (a quotation, perhaps cut short with …) first shows in the Markdown; 1:1 when it cannot be found. */
export function locate(markdown: string, near: string): { line: number; column: number } {
  const needle = near.replace(/…$/, '').slice(0, 24).trim();
  const lines = markdown.split('\n');
  for (const [i, line] of lines.entries()) {
    const column = needle === '' ? -1 : line.indexOf(needle);
    if (column >= 0) return { line: i + 1, column: column + 1 };
  }
  return { line: 1, column: 1 };
}
