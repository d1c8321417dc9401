import path from 'node:path';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { reportText } from '../diagnostics/report-text.js';
import { fileTree } from '../io/source-tree.js';
import { readPack } from '../pipeline.js';
import { EXIT, useColor, type CliIo } from './io.js';

export async function check(dir: string, io: CliIo): Promise<number> {
  const root = path.resolve(io.cwd, dir);
  const { diagnostics } = await readPack(fileTree(root, path.relative(io.cwd, root) || '.'));
  io.stdout.write(reportText(diagnostics, { color: useColor(io.stdout, io.env) }));
  return hasErrors(diagnostics) ? EXIT.contentErrors : EXIT.ok;
}
