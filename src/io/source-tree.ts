import { statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Read access to a content directory. Tests use an in-memory tree; the CLI uses the file system. */
export interface SourceTree {
  /** How diagnostics name the tree's files: `<label>/<relative path>`. */
  readonly label: string;
  /** Every file below the root, as sorted POSIX paths relative to it. */
  list(): Promise<string[]>;
  read(relativePath: string): Promise<Uint8Array>;
  /** A file's size in bytes without reading it, so that a limit can refuse a large file unread. */
  size?(relativePath: string): Promise<number>;
}

/** Whether `p` is a directory; false for a path that does not exist or cannot be one (under a file, say). */
export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function fileTree(root: string, label = root): SourceTree {
  return {
    label,
    async list() {
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      // Symbolic links are listed too: a linked file is read through its link, and a broken
      // link is reported when it cannot be read rather than silently left out.
      const files = entries.filter((e) => e.isFile() || (e.isSymbolicLink() && !isDirectory(path.join(e.parentPath, e.name))));
      return files.map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
    },
    read: (relativePath) => readFile(path.join(root, relativePath)),
    size: async (relativePath) => (await stat(path.join(root, relativePath))).size,
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
