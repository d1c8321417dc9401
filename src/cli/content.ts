import { statSync } from 'node:fs';
import path from 'node:path';
import { fileTree, type SourceTree } from '../io/source-tree.js';
import type { CliIo } from './io.js';

/** The content directory named on the command line, or a message saying why it cannot be read. */
export function contentDirectory(dir: string, io: CliIo): { tree: SourceTree } | { problem: string } {
  const root = path.resolve(io.cwd, dir);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    return { problem: `ogp-pack: no content directory at ${dir}. Name a directory holding meeting.yaml, e.g. \`ogp-pack check content\`.\n` };
  }
  // Diagnostics name files relative to the current directory, as the user typed the path.
  return { tree: fileTree(root, path.relative(io.cwd, root) || '.') };
}
