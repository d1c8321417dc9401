import { hasErrors } from '../diagnostics/diagnostic.js';
import { reportText } from '../diagnostics/report-text.js';
import { readPack } from '../pipeline.js';
import { contentDirectory } from './content.js';
import { EXIT, useColor, type CliIo } from './io.js';

export async function check(dir: string, io: CliIo): Promise<number> {
  const tree = contentDirectory(dir, io);
  if (!tree) return EXIT.usage;
  const { diagnostics } = await readPack(tree);
  io.stdout.write(reportText(diagnostics, { color: useColor(io.stdout, io.env) }));
  return hasErrors(diagnostics) ? EXIT.contentErrors : EXIT.ok;
}
