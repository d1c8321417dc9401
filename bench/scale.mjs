// Scales the default content ×factor for benchmarks: the default meeting stays as it is, and
// each further copy adds two sessions on two further days with copies of every paper, biography,
// working-group sheet and data table (new ids, titles naming the copy's follow-up meeting) and
// its own withheld papers, each with a distinct canary and text no public paper shares.
// The output is the same on every run, and `ogp-pack check` reports no errors on it.
//
//   node bench/scale.mjs <factor> <outdir>
//
// import { scaleContent } from './scale.mjs' gives the same as a function.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

export const DEFAULT_CONTENT = fileURLToPath(new URL('../content', import.meta.url));

/** Places of earlier OGP meetings and events: each copy is that place's follow-up meeting. */
const PLACES = [
  'Pretoria', 'London', 'Brasília', 'Tbilisi', 'Paris', 'Buenos Aires', 'Ottawa', 'Cape Town', 'Seoul', 'Bogotá',
  'Madrid', 'Jakarta', 'Nairobi', 'Manila', 'Tunis', 'Kyiv', 'Montevideo', 'Santiago', 'Dakar', 'Oslo',
];

/** The copy's place, and a round number once the list is used up, so any factor works. */
function placeOf(copy) {
  const place = PLACES[(copy - 1) % PLACES.length];
  const round = Math.floor((copy - 1) / PLACES.length);
  return round === 0 ? place : `${place} ${round + 1}`;
}

const slug = (text) =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Four letters and digits from `text`: canaries differ from copy to copy, yet every run writes the same. */
const code = (text) => createHash('sha256').update(text).digest('hex').slice(0, 4).toUpperCase();

const SCHEMA_LINE = (schema) => `# yaml-language-server: $schema=../../schemas/${schema}.schema.json\n`;

/** Times quoted as the sources write them ('16:30'), although YAML 1.2 reads them as strings either way. */
const quoteTimes = (yaml) => yaml.replace(/^(\s*(?:- )?(?:time|start|end): )(\d\d:\d\d)$/gm, "$1'$2'");

/** A Markdown source as its front matter (parsed) and its body (as written). */
function splitMarkdown(text) {
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text.replace(/\r\n/g, '\n'));
  if (!match) throw new Error('a Markdown source without front matter');
  return { front: parse(match[1]), body: match[2] };
}

const joinMarkdown = (front, body) => `---\n${stringify(front, { lineWidth: 0 })}---\n${body}`;

const listDir = (dir) => {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
};

function addDays(isoDate, days) {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const weekdayOf = (isoDate) => WEEKDAYS[new Date(`${isoDate}T00:00:00Z`).getUTCDay()];

/** `2015-10-26` as YAML may have parsed it (a string, or a Date under YAML 1.1 rules). */
const isoOf = (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

/**
 * The body of a copied withheld paper. Every sentence names the copy's place or its canary, so no
 * public paper shares a sentence of 8 or more words with it, nor with any other copy.
 */
function withheldBody(front, place, canary) {
  const subject = front.title.replace(/^(Draft|Copy of) /i, '').replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase());
  const reason = String(front.reason).replace(/-/g, ' ');
  return [
    '',
    `**Placeholder.** This text was written for the ogp-pack benchmarks so that a scaled pack exercises its handling of withheld papers at the ${place} follow-up meeting. It stands in for the ${place} ${subject}, which a real pack would withhold as ${reason} and which is not reproduced here.`,
    '',
    `For the ${place} follow-up, the paper would set out the options before the Steering Committee, the views of the subcommittees consulted in ${place}, and a draft resolution for members to agree.`,
    '',
    `Leak gate marker: ${canary}.`,
    '',
  ].join('\n');
}

/**
 * Writes the default content scaled ×factor to `outDir` (replacing it): copy 0 is the default
 * meeting; copies 1 … factor−1 add sessions on further days and copies of every source.
 * Returns a summary of what was written.
 */
export function scaleContent(factor, outDir, source = DEFAULT_CONTENT) {
  const copies = Math.floor(Number(factor));
  if (!Number.isFinite(copies) || copies < 1) throw new Error(`factor must be a whole number from 1, not "${factor}"`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.dirname(path.resolve(outDir)), { recursive: true });
  cpSync(source, outDir, { recursive: true });

  const read = (...parts) => readFileSync(path.join(source, ...parts), 'utf8');
  const write = (relative, text) => {
    mkdirSync(path.dirname(path.join(outDir, relative)), { recursive: true });
    writeFileSync(path.join(outDir, relative), text);
  };

  const meetingText = read('meeting.yaml');
  const meeting = parse(meetingText);
  const start = isoOf(meeting.dates.start);
  const end = isoOf(meeting.dates.end);
  const span = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;

  const sources = (dir) => listDir(path.join(source, dir)).filter((name) => /\.(md|ya?ml)$/.test(name));
  const papers = sources('papers').map((name) => splitMarkdown(read('papers', name)));
  const people = sources('people').map((name) => ({ name, text: read('people', name) }));
  const groups = sources('working-groups').map((name) => splitMarkdown(read('working-groups', name)));
  const data = sources('data').map((name) => ({ name, text: read('data', name), value: parse(read('data', name)) }));
  const sessions = meeting.sessions.map((id) => parse(read('sessions', `${id}.yaml`)));
  // Annex positions of a copy follow all of the previous copy's.
  const annexSpan = Math.max(0, ...[...papers, ...groups].map((d) => d.front.order ?? 0));

  const summary = { factor: copies, sessions: sessions.length, papers: papers.length, withheld: 0, people: people.length, workingGroups: groups.length, tables: data.length, dataRows: 0 };
  const rowsOf = (value) =>
    (value.activities?.length ?? 0) + (value.groups ?? []).reduce((n, g) => n + g.rows.length, 0) + (value.commitments?.length ?? 0) + (value.stages?.length ?? 0);
  summary.dataRows = data.reduce((n, d) => n + rowsOf(d.value), 0);
  summary.withheld = papers.filter((p) => p.front.status === 'withheld').length;

  const sessionIds = [...meeting.sessions];
  for (let copy = 1; copy < copies; copy++) {
    const place = placeOf(copy);
    const suffix = `-${slug(place)}`;
    const followUp = ` (${place} follow-up)`;
    const idOf = (id) => `${id}${suffix}`;

    for (const { text, value } of data) {
      const rest = text.replace(/^# yaml-language-server:.*\n/, '');
      const copied = { ...parse(rest), id: idOf(value.id), title: `${value.title}${followUp}` };
      write(`data/${idOf(value.id)}.yaml`, (text.match(/^# yaml-language-server:.*\n/)?.[0] ?? '') + stringify(copied, { lineWidth: 0 }));
      summary.tables++;
      summary.dataRows += rowsOf(copied);
    }

    for (const { text } of people) {
      const { front, body } = splitMarkdown(text);
      // Group ids are the pack's, like people's: a copy's people belong to the copy's groups.
      write(`people/${idOf(front.id)}.md`, joinMarkdown({ ...front, id: idOf(front.id), ...(front.group ? { group: idOf(front.group) } : {}) }, body));
      summary.people++;
    }

    for (const { front, body } of groups) {
      const copied = { ...front, id: idOf(front.id), title: `${front.title}${followUp}` };
      if (copied.order !== undefined) copied.order += annexSpan * copy;
      write(`working-groups/${copied.id}.md`, joinMarkdown(copied, body));
      summary.workingGroups++;
    }

    for (const { front, body } of papers) {
      const copied = { ...front, id: idOf(front.id), title: `${front.title}${followUp}` };
      if (copied.order !== undefined) copied.order += annexSpan * copy;
      if (copied.groups) copied.groups = copied.groups.map((group) => ({ ...group, id: idOf(group.id) }));
      if (copied.people) {
        const mapGroup = (group) => ({
          ...group,
          ...(group.group ? { group: idOf(group.group) } : {}),
          ...(group.people ? { people: group.people.map(idOf) } : {}),
          ...(group.groups ? { groups: group.groups.map(mapGroup) } : {}),
        });
        copied.people = copied.people.map(mapGroup);
      }
      let text = body.replace(/(::table\{data=")([^"]+)(")/g, (_, open, id, close) => `${open}${idOf(id)}${close}`);
      if (front.status === 'withheld') {
        const canary = `ogp-pack canary ${code(copied.id)} ${slug(front.title).replace(/-/g, ' ')} ${slug(place).replace(/-/g, ' ')}`;
        copied.canary = canary;
        // Every other withheld copy goes by a public title, so both kinds of listing are exercised.
        if (copy % 2 === 0) copied.public_title = `Pre-decision paper ${copy} for the ${place} follow-up`;
        text = withheldBody(front, place, canary);
        summary.withheld++;
      }
      write(`papers/${copied.id}.md`, joinMarkdown(copied, text));
      summary.papers++;
    }

    for (const session of sessions) {
      const date = addDays(isoOf(session.date), span * copy);
      const copied = {
        ...session,
        id: idOf(session.id),
        title: `${session.title}${followUp}`,
        weekday: weekdayOf(date),
        date,
        items: session.items.map((item) => ({
          ...item,
          ...(item.papers ? { papers: item.papers.map(idOf) } : {}),
          ...(item.people ? { people: item.people.map(idOf) } : {}),
        })),
      };
      write(`sessions/${copied.id}.yaml`, SCHEMA_LINE('session') + quoteTimes(stringify(copied, { lineWidth: 0 })));
      sessionIds.push(copied.id);
      summary.sessions++;
    }
  }

  if (copies > 1) {
    const scaled = { ...meeting, dates: { start, end: addDays(start, span * copies - 1) }, sessions: sessionIds };
    write('meeting.yaml', (meetingText.match(/^# yaml-language-server:.*\n/)?.[0] ?? '') + stringify(scaled, { lineWidth: 0 }));
    const places = Array.from({ length: copies - 1 }, (_, i) => placeOf(i + 1).replace(/ \d+$/, ''));
    const words = [...new Set(places.flatMap((p) => p.split(' ')))];
    write('words.txt', `${read('words.txt').trimEnd()}\n\n# Places of the follow-up meetings in the benchmark's scaled pack (bench/scale.mjs)\n${words.join('\n')}\nbenchmarks\n`);
  }
  return summary;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [factor, outDir] = process.argv.slice(2);
  if (!factor || !outDir) {
    console.error('usage: node bench/scale.mjs <factor> <outdir>');
    process.exit(2);
  }
  const summary = scaleContent(factor, outDir);
  console.log(`wrote ${outDir}: ×${summary.factor}, ${summary.sessions} sessions, ${summary.papers} papers (${summary.withheld} withheld), ${summary.people} biographies, ${summary.workingGroups} working-group sheets, ${summary.tables} tables with ${summary.dataRows} rows`);
}
