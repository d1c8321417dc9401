import { statSync } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** Read access to a content directory. Tests use an in-memory tree; the CLI uses the file system. */
export interface SourceTree {
  /** How diagnostics name the tree's files: `<label>/<relative path>`. */
  readonly label: string;
  /** Every file below the root, as sorted POSIX paths relative to it; links that lead outside it are left out. */
  list(): Promise<string[]>;
  /** Reads a file; a path that leads outside the root (through a link or `..`) is refused with code `EOUTSIDE`. */
  read(relativePath: string): Promise<Uint8Array>;
  /** A file's size in bytes without reading it, so that a limit can refuse a large file unread. */
  size?(relativePath: string): Promise<number>;
  /** Symbolic links below the root whose target is outside it, as sorted relative paths; they are never read. */
  outside?(): Promise<string[]>;
}

/** The code of the error a tree's `read` throws for a path that leads outside its root. */
export const OUTSIDE = 'EOUTSIDE';

/** Whether `p` is a directory; false for a path that does not exist or cannot be one (under a file, say). */
export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Whether the resolved path `real` lies below the resolved root. */
function within(realRoot: string, real: string): boolean {
  const relative = path.relative(realRoot, real);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** The error for a path outside the root; it names only the path asked for, never the link's target. */
function outsideError(relativePath: string): Error {
  return Object.assign(new Error(`${relativePath} leads outside the content directory`), { code: OUTSIDE });
}

export function fileTree(root: string, label = root): SourceTree {
  const posix = (full: string) => path.relative(root, full).split(path.sep).join('/');
  async function scan(): Promise<{ files: string[]; outside: string[] }> {
    const realRoot = await realpath(root);
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    const files: string[] = [];
    const outside: string[] = [];
    for (const entry of entries) {
      const full = path.join(entry.parentPath, entry.name);
      if (entry.isFile()) files.push(posix(full));
      if (!entry.isSymbolicLink()) continue;
      let real: string;
      try {
        real = await realpath(full);
      } catch {
        // A broken link is listed, so that it is reported when it cannot be read rather than silently left out.
        files.push(posix(full));
        continue;
      }
      // Links are resolved before anything is read: a link may not bring in a file (or a directory of files) from elsewhere.
      if (!within(realRoot, real)) outside.push(posix(full));
      else if (!(await stat(real)).isDirectory()) files.push(posix(full));
    }
    return { files: files.sort(), outside: outside.sort() };
  }
  /** The real path of a file of the tree, refused when it leads outside the root. */
  async function contained(relativePath: string): Promise<string> {
    const real = await realpath(path.join(root, relativePath));
    if (!within(await realpath(root), real)) throw outsideError(relativePath);
    return real;
  }
  return {
    label,
    list: async () => (await scan()).files,
    outside: async () => (await scan()).outside,
    read: async (relativePath) => readFile(await contained(relativePath)),
    size: async (relativePath) => (await stat(await contained(relativePath))).size,
  };
}

export function memoryTree(files: Record<string, string | Uint8Array>, label = 'content'): SourceTree {
  const encoder = new TextEncoder();
  return {
    label,
    list: async () => Object.keys(files).sort(),
    async read(relativePath) {
      const content = files[relativePath];
      if (content === undefined) throw Object.assign(new Error(`no such file: ${relativePath}`), { code: 'ENOENT' });
      return typeof content === 'string' ? encoder.encode(content) : content;
    },
  };
}
