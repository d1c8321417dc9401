// The public edition of a pack as one Markdown file, for pandoc to convert as the baseline:
// the agendas, then every paper, biography and working-group sheet in pack order, each body as
// its source writes it under its title as a heading. A document the public edition does not
// carry is listed by its public title with its status and reason only. Data tables become pipe
// tables (one per peer-exchange category), so pandoc lays out the same cells.
//
//   node bench/public-markdown.mjs <content dir> [out.md]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = new URL('../dist/', import.meta.url);

/** A source's Markdown body, without its front matter. */
const bodyOf = (text) => text.replace(/\r\n/g, '\n').replace(/^---\n[\s\S]*?\n---\n?/, '').trim();

const cell = (text) => String(text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();

function pipeTable(header, rows) {
  const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header.map((h) => h || ' ')), line(header.map(() => '---')).replace(/ --- /g, '---').replace(/\| ---/g, '|---'), ...rows.map(line)].join('\n');
}

/** The pipe tables that stand for one `::table` directive. */
function tableMarkdown(data, attributes) {
  switch (data.kind) {
    case 'peer-exchange': {
      const columns = data.columns[attributes.status];
      const keys = ['number', 'parties', 'date', 'format', 'description'];
      const activities = data.activities.filter((a) => a.status === attributes.status);
      return Object.entries(data.categories)
        .map(([category, label]) => [label, activities.filter((a) => a.category === category)])
        .filter(([, rows]) => rows.length > 0)
        .map(([label, rows]) => `**${label}**\n\n${pipeTable(keys.map((k) => columns[k]), rows.map((a) => keys.map((k) => a[k])))}`)
        .join('\n\n');
    }
    case 'table': {
      const row = (r) => data.columns.map((c) => r[c.id] ?? '');
      const rows = [...(data.rows ?? []).map(row), ...(data.groups ?? []).flatMap((g) => [[`**${g.label}**`, ...data.columns.slice(1).map(() => '')], ...g.rows.map(row)])];
      const caption = data.caption ?? data.title;
      return [`**${caption}**`, pipeTable(data.columns.map((c) => c.label), rows), ...(data.notes ?? [])].join('\n\n');
    }
    case 'then-and-now': {
      const { attribute, then, now } = data.columns;
      const rows = data.groups.flatMap((g) => [[`**${g.name}**`, '', ''], ...g.rows.map((r) => [r.attribute, r.then, r.now])]);
      return pipeTable([attribute, then, now], rows);
    }
    case 'implementation-plan':
      return pipeTable(
        [data.columns.commitment, data.columns.activities],
        data.commitments.map((c) => [`${c.number}. ${c.text}`, c.activities.join('; ')]),
      );
    case 'working-group-help':
      return pipeTable([data.columns.stage, data.columns.help], data.stages.map((s) => [s.stage, s.help.join('; ')]));
    default:
      return '';
  }
}

/** `::table{data="x" status="y"}` lines replaced by their pipe tables. */
function withTables(body, pack) {
  return body.replace(/^::table\{([^}]*)\}[ \t]*$/gm, (_, inside) => {
    const attributes = Object.fromEntries([...inside.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const data = pack.data.get(attributes.data);
    return data ? tableMarkdown(data, attributes) : '';
  });
}

const STATUS = { withheld: (d) => `Withheld as ${d.reason ?? 'restricted'}.`, 'at-meeting': () => 'To be circulated at the meeting.', 'to-follow': () => 'To follow.' };

/** The public edition of the pack in `dir` as Markdown, with what it holds. */
export async function publicMarkdown(dir) {
  const root = path.resolve(dir);
  const [{ readPack }, { fileTree }, { editionPack }] = await Promise.all([
    import(new URL('pipeline.js', DIST)),
    import(new URL('io/source-tree.js', DIST)),
    import(new URL('editions/filter.js', DIST)),
  ]);
  const [{ unified }, { default: remarkStringify }, { default: remarkGfm }] = await Promise.all([import('unified'), import('remark-stringify'), import('remark-gfm')]);
  // Agenda items hold their Markdown parsed; it goes back to Markdown here.
  const stringifier = unified().use(remarkStringify).use(remarkGfm);
  const markdownOf = (root) => stringifier.stringify(root).trim();
  const inline = (root) => markdownOf(root).replace(/\s*\n\s*/g, ' ');
  const { pack: full } = await readPack(fileTree(root, root));
  if (!full) throw new Error(`${dir}: the pack has errors; run ogp-pack check on it`);
  const edition = full.editions.find((e) => e.id === 'public') ?? full.editions[0];
  const pack = editionPack(full, edition);
  // Diagnostics name files `<root>/<path>`, so the label is the directory itself.
  const source = (file) => readFileSync(path.isAbsolute(file) ? file : path.join(root, path.relative(root, file)), 'utf8');

  const out = [`# ${pack.meeting.title}`, '', `${pack.meeting.short_title ?? ''}`, ''];
  const titleOf = (id) => pack.documents.get(id)?.title ?? id;
  for (const session of pack.sessions) {
    out.push(`# ${session.title}`, '', `${session.weekday} ${session.date}, ${session.start}–${session.end}, ${session.location ?? ''}`, '');
    for (const item of session.items) {
      out.push(`## ${item.time} ${item.title}`, '');
      if (item.remarks) out.push(`*${inline(item.remarks)}*`, '');
      if (item.description) out.push(markdownOf(item.description), '');
      if (item.questions?.length) out.push(...item.questions.map((q) => `- ${inline(q)}`), '');
      if (item.papers.length) out.push('Papers:', '', ...item.papers.map((id) => `- ${titleOf(id)}`), '');
    }
  }

  const counts = { included: 0, listed: 0 };
  const document = (id) => {
    const doc = pack.documents.get(id);
    out.push(`# ${doc.title}`, '');
    if (doc.listedOnly || doc.status !== 'included') {
      counts.listed++;
      out.push((STATUS[doc.status] ?? (() => doc.status))(doc) + (doc.note ? ` (${doc.note})` : ''), '');
      return;
    }
    counts.included++;
    if (doc.workingGroup) {
      const { acronym, name, co_anchors: anchors, contacts } = doc.workingGroup;
      out.push(`${name} (${acronym}). Co-anchors: ${(anchors ?? []).join(', ')}.`, '');
      if (contacts?.length) out.push(...contacts.map((c) => `- ${[c.name, c.role, c.organisation, c.email].filter(Boolean).join(', ')}`), '');
    }
    const body = bodyOf(source(doc.file));
    if (body) out.push(withTables(body, pack), '');
    const section = (s, level) => {
      out.push(`${'#'.repeat(level)} ${s.heading}`, '');
      for (const person of s.people) out.push(`${'#'.repeat(level + 1)} ${person.name}`, '', bodyOf(source(person.file)), '');
      for (const inner of s.sections) section(inner, level + 1);
    };
    for (const s of doc.people ?? []) section(s, 2);
  };
  pack.papers.forEach(document);
  if (pack.annex.length) out.push(`# ${pack.meeting.annex?.title ?? 'Annex'}`, '');
  pack.annex.forEach(document);
  return { markdown: out.join('\n'), ...counts };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, file] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/public-markdown.mjs <content dir> [out.md]');
    process.exit(2);
  }
  const { markdown, included, listed } = await publicMarkdown(dir);
  if (file) {
    writeFileSync(file, markdown);
    console.log(`wrote ${file}: ${included} documents with their text, ${listed} listed only, ${Buffer.byteLength(markdown)} bytes`);
  } else process.stdout.write(markdown);
}
