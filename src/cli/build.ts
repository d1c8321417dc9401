import { reportText } from '../diagnostics/report-text.js';
import { readPack } from '../pipeline.js';
import { contentDirectory } from './content.js';
import { EXIT, useColor, type CliIo } from './io.js';

export async function build(dir: string, io: CliIo): Promise<number> {
  const tree = contentDirectory(dir, io);
  if (!tree) return EXIT.usage;
  const { pack, diagnostics } = await readPack(tree);
  if (diagnostics.length > 0) io.stderr.write(reportText(diagnostics, { color: useColor(io.stderr, io.env) }));
  if (!pack) return EXIT.contentErrors;
  io.stderr.write(
    `The sources of "${pack.meeting.pack}" are valid: ${pack.sessions.length} sessions, ${pack.papers.length} background papers, ${pack.annex.length} annex documents.\n` +
      'Rendering the PDF and DOCX pack is not built yet, so nothing was written to out/.\n',
  );
  return EXIT.contentErrors;
}
