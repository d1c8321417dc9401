import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COMMITTEE_EDITION, MINIMAL_MEETING, MINIMAL_SESSION } from './trees.js';

export const BUDGET_PAPER = '---\nid: budget\ntitle: Budget\nstatus: included\n---\n\nThe budget grows by ten per cent.\n';

/**
 * A temporary directory holding `content/`: a one-session meeting with a public and a committee
 * edition and one included paper, small enough that a DOCX build takes about a second.
 */
export function smallPack(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ogp-pack-small-'));
  const all: Record<string, string> = {
    'meeting.yaml': `${MINIMAL_MEETING}${COMMITTEE_EDITION}`,
    'sessions/only.yaml': `${MINIMAL_SESSION}    papers: [budget]\n`,
    'papers/budget.md': BUDGET_PAPER,
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, 'content', file)), { recursive: true });
    writeFileSync(path.join(dir, 'content', file), text);
  }
  return dir;
}
