import { it } from 'vitest';
import { everyConstructDocx } from './fixtures/import/every-construct.js';
import { importDocx } from '../src/import/import.js';
it('dump', async () => {
  const r = await importDocx(await everyConstructDocx(), { id: 'report', source: 'report.docx', contentLabel: 'content', acceptChanges: true });
  for (const f of r.files) console.log('== ' + f.path + '\n' + (f.path.endsWith('png') ? f.bytes.length : new TextDecoder().decode(f.bytes)));
  for (const d of r.diagnostics) console.log(`${d.file}:${d.line}:${d.column} ${d.fatal} ${d.ruleId} ${d.reason}`);
  const r2 = await importDocx(await everyConstructDocx(), { id: 'report', source: 'report.docx', contentLabel: 'content' });
  for (const d of r2.diagnostics) console.log(`${d.file}:${d.line}:${d.column} ${d.fatal} ${d.ruleId} ${d.reason}`);
});
