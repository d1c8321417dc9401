import { LIMITS } from '../../load/limits.js';
import { examplePaper as paper } from '../examples.js';
import type { Rule } from '../rule.js';

/**
 * The checks that load → validate → resolve make while reading the pack. They are reported by
 * those stages; here they get their documentation, examples and (where the pack can still be
 * built without them) a configurable severity.
 */
const RULES_OF_THE_PIPELINE: Rule[] = [
  {
    id: 'encoding',
    doc: 'Every source is UTF-8 text. UTF-16, binary files and invalid UTF-8 are reported at the first bad byte; save the file as UTF-8.',
    severity: 'error',
    configurable: false,
    examples: [
      { title: 'a binary file', files: { 'papers/a.md': '\ufeff' + '\u0000' }, messages: ['papers/a.md:1:1: This is a binary file (NUL byte at offset 3), not Markdown or YAML text. Move it out of the content directory or replace it with a text source.'] },
      { title: 'UTF-8 text with accents', files: { 'papers/a.md': paper('a', 'status: included', '\nSão Paulo, Trócaire.\n') }, messages: [] },
    ],
  },
  {
    id: 'read-error',
    doc: 'A source that is listed but cannot be read (a broken symbolic link, no permission) is reported at 1:1.',
    severity: 'error',
    configurable: false,
    examples: [
      { title: 'an unreadable paper', files: { 'papers/a.md': { unreadable: true } }, messages: ['papers/a.md:1:1: Cannot read this file: permission denied. Check that it exists and is readable.'] },
      { title: 'readable files', files: {}, messages: [] },
    ],
  },
  {
    id: 'outside-content',
    doc: 'Every file is read from inside the content directory, after symbolic links are resolved: a link to a file or folder elsewhere (a paper kept in another folder, or `/etc/passwd`) is an error at the link, and nothing of its target is read or quoted. Copy the file into the content directory in place of the link.',
    severity: 'error',
    configurable: false,
    examples: [
      {
        title: 'a paper linked from outside',
        files: { 'papers/a.md': { outside: true } },
        messages: ['papers/a.md:1:1: This is a symbolic link to a file outside the content directory, and ogp-pack reads only files inside it. Copy the file into the content directory in place of the link.'],
      },
      { title: 'files inside the content directory', files: { 'words.txt': 'Budlender\n' }, messages: [] },
    ],
  },
  {
    id: 'file-size',
    doc: `A source is at most ${LIMITS.fileBytes.toLocaleString('en')} bytes (2 MB); a 300-page report in Markdown is about 1 MB. A larger file is not read, so that no file can exhaust memory. Split it into several papers, or move tables into data files.`,
    severity: 'error',
    configurable: false,
    examples: [
      { title: 'a 5 MB paper', files: { 'papers/a.md': paper('a', 'status: included', `\n${'Words of a very long paper.\n'.repeat(190_000)}`) }, messages: ['papers/a.md:1:1: This file is 5,320,047 bytes; a source may be at most 2,097,152 bytes (2 MB). Split it into several papers, or move tables into data files.'] },
      { title: 'a paper of ordinary size', files: { 'papers/a.md': paper('a', 'status: included', '\nA short paper.\n') }, messages: [] },
    ],
  },
  {
    id: 'line-length',
    doc: `A line has at most ${LIMITS.lineCharacters.toLocaleString('en')} characters; a long paragraph written on one line has a few thousand. The file is not parsed beyond this check. Break the line: a single line break inside a paragraph does not show.`,
    severity: 'error',
    configurable: false,
    examples: [
      { title: 'a line of 120,000 characters', files: { 'papers/a.md': paper('a', 'status: included', `\n${'word '.repeat(24_000)}\n`) }, messages: ['papers/a.md:7:100001: Line 7 has 120,000 characters; a line may have at most 100,000. Break it into paragraphs or lines (a single line break inside a paragraph does not show).'] },
      { title: 'ordinary lines', files: { 'papers/a.md': paper('a', 'status: included', '\nA line.\n') }, messages: [] },
    ],
  },
  {
    id: 'nesting-depth',
    doc: `Lists, block quotes, emphasis and links nest at most ${LIMITS.nesting} levels, and so do YAML lists and mappings; lists within lists at most ${LIMITS.listNesting}, as in Word. Deeper structures are not parsed (the parsers' work grows with the square of the depth) and no real document needs them. Flatten the structure.`,
    severity: 'error',
    configurable: false,
    examples: [
      { title: 'block quotes 60 deep', files: { 'papers/a.md': paper('a', 'status: included', `\n${'>'.repeat(60)} Deep.\n`) }, messages: ['papers/a.md:7:51: Lists and block quotes nest more than 50 levels deep here, the most a source may have. Flatten the structure; no real document needs so many levels.'] },
      { title: 'lists 10 deep', files: { 'papers/a.md': paper('a', 'status: included', `\n${Array.from({ length: 10 }, (_, i) => `${'  '.repeat(i)}- Level ${i + 1}.`).join('\n')}\n`) }, messages: ['papers/a.md:16:19: Lists nest more than 9 levels deep here, and a Word document has at most 9 list levels. Flatten the list.'] },
      { title: 'YAML 60 deep', files: { 'papers/a.md': paper('a', `status: included\nauthors: ${'['.repeat(60)}${']'.repeat(60)}`, '\nText.\n') }, messages: ['papers/a.md:5:59: YAML lists and mappings nest more than 50 levels deep here, the most a source may have. Flatten the structure; no real document needs so many levels.'] },
      { title: 'lists 9 deep', files: { 'papers/a.md': paper('a', 'status: included', `\n${Array.from({ length: 9 }, (_, i) => `${'  '.repeat(i)}- Level ${i + 1}.`).join('\n')}\n`) }, messages: [] },
    ],
  },
  {
    id: 'emphasis-marks',
    doc: `A paragraph has at most ${LIMITS.emphasisPerParagraph.toLocaleString('en')} runs of \`*\` or \`_\`, and a file at most ${LIMITS.emphasisPerFile.toLocaleString('en')} in its paragraphs of more than 100: the Markdown parser matches them in time that grows with the square of their number, so an "emphasis bomb" would take minutes. Split the paragraph, or escape a literal mark as \`\\*\` or \`\\_\`.`,
    severity: 'error',
    configurable: false,
    examples: [
      { title: 'an emphasis bomb', files: { 'papers/a.md': paper('a', 'status: included', `\n${'*a_ '.repeat(600)}\n`) }, messages: ['papers/a.md:6:1: This paragraph has more than 1,000 runs of `*` or `_`, the most one paragraph may have. Split the paragraph, or write a literal `*` or `_` as `\\*` or `\\_`.'] },
      { title: 'ordinary emphasis', files: { 'papers/a.md': paper('a', 'status: included', '\nSome *emphasis* and **strong** words.\n') }, messages: [] },
    ],
  },
  {
    id: 'yaml-tag',
    doc: 'Sources use no YAML tags except the core ones (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`). Any other tag, such as `!!js/function` or `!custom`, constructs nothing and would be read as text: it is an error at the tag. Remove the tag.',
    severity: 'error',
    configurable: false,
    examples: [
      { title: 'a JavaScript tag', files: { 'papers/a.md': '---\nid: a\ntitle: !!js/function "function () {}"\nstatus: included\n---\nText.\n' }, messages: ['papers/a.md:3:22-3:38: Sources use no YAML tags but `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map` and `!!seq`; this one would be read as text. Remove the tag.'] },
      { title: 'a core tag', files: { 'papers/a.md': '---\nid: a\ntitle: !!str 2030\nstatus: included\n---\nText.\n' }, messages: [] },
    ],
  },
  {
    id: 'missing-meeting',
    doc: "Every content directory needs a meeting.yaml with the meeting's title, dates, venue, sessions and editions.",
    severity: 'error',
    configurable: false,
    examples: [{ title: 'no meeting.yaml', files: { 'meeting.yaml': null }, messages: ["meeting.yaml:1:1: No meeting.yaml: every content directory needs one, with the meeting's title, dates, venue, sessions and editions."] }],
  },
  {
    id: 'unknown-source',
    doc: 'A Markdown or YAML file outside the known places (meeting.yaml, sessions/, papers/, people/, working-groups/, data/) is not part of the pack; move it or delete it.',
    severity: 'warning',
    examples: [{ title: 'a stray file', files: { 'notes.md': 'x\n' }, messages: ['notes.md:1:1: Not part of the pack: sources belong in meeting.yaml, sessions/, papers/, people/, working-groups/ or data/.'] }],
  },
  {
    id: 'front-matter',
    doc: 'A Markdown source starts with YAML front matter between bare `---` lines. `---js` and other language tags are refused and never run.',
    severity: 'error',
    configurable: false,
    examples: [{ title: 'no front matter', files: { 'papers/a.md': 'Text.\n' }, messages: ['papers/a.md:1:1: Missing front matter: start the file with a `---` line, the paper fields (see schemas/paper.schema.json), and a closing `---` line.'] }],
  },
  {
    id: 'yaml-syntax',
    doc: 'YAML must parse. Only the first syntax error of a document is reported, since the parser cannot be trusted after it.',
    severity: 'error',
    configurable: false,
    examples: [{ title: 'an unclosed flow sequence', files: { 'papers/a.md': paper('a', 'status: included\nauthors: [x', 'Text.\n') }, messages: ['papers/a.md:5:12-5:13: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]'] }, { title: 'valid YAML', files: { 'papers/a.md': paper('a', 'status: included\nauthors: [x]', 'Text.\n') }, messages: [] }],
  },
  {
    id: 'yaml-duplicate-key',
    doc: 'A key appears once in a mapping; with two, one value would silently win.',
    severity: 'error',
    configurable: false,
    examples: [{ title: 'status twice', files: { 'papers/a.md': paper('a', 'status: included\nstatus: withheld', 'Text.\n') }, messages: ['papers/a.md:5:1-5:2: Duplicate key: each key may appear once in a mapping. Remove or rename one of them.'] }, { title: 'distinct keys', files: { 'papers/a.md': paper('a', 'status: included', 'Text.\n') }, messages: [] }],
  },
  {
    id: 'yaml-aliases',
    doc: 'Alias expansion is capped, so that a "billion laughs" file fails at once instead of exhausting memory.',
    severity: 'error',
    configurable: false,
    examples: [
      { title: 'a billion laughs', files: { 'data/x.yaml': `kind: then-and-now\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n` }, messages: ['data/x.yaml:3:8-3:10: Too many alias expansions (more than 100), as in a "billion laughs" attack. Write the values out instead of nesting aliases.'] },
      { title: 'no aliases', files: {}, messages: [] },
    ],
  },
  {
    id: 'schema',
    doc: 'Every source matches its JSON Schema in schemas/: required fields, known fields, values of the right kind. Messages name the field and the allowed values.',
    severity: 'error',
    configurable: false,
    examples: [{ title: 'an unknown status', files: { 'papers/a.md': paper('a', 'status: lost', 'Text.\n') }, messages: ['papers/a.md:4:9-4:13: `status` is "lost"; it must be one of: included, withheld, at-meeting, to-follow.'] }],
  },
  {
    id: 'duplicate-id',
    doc: 'Ids are unique within their space (sessions; papers and working-group sheets together; people; data). The second use is reported, naming the first.',
    severity: 'error',
    configurable: false,
    examples: [
      {
        title: 'two papers with one id',
        files: { 'papers/a.md': paper('a', 'status: to-follow'), 'papers/b.md': paper('a', 'status: to-follow') },
        messages: ['papers/b.md:2:5-2:6: Duplicate paper id "a": papers/a.md already uses it. Give each paper its own id.'],
      },
    ],
  },
  {
    id: 'unknown-reference',
    doc: 'Every id an agenda, biography group or meeting names must exist: papers, people, sessions, data. A near miss gets a "Did you mean" suggestion.',
    severity: 'error',
    configurable: false,
    examples: [
      {
        title: 'an agenda naming a missing paper',
        files: { 'sessions/only.yaml': "id: only\ntitle: T\ndate: 2015-10-26\nstart: '16:00'\nend: '17:00'\nlocation: R\nitems:\n  - time: '16:00'\n    title: W\n    papers: [budget]\n" },
        messages: ['sessions/only.yaml:10:14-10:20: Unknown paper "budget": no file in papers/ or working-groups/ has this id.'],
      },
    ],
  },
  {
    id: 'unlisted-session',
    doc: 'A session file that meeting.yaml does not list under `sessions` is left out of the pack.',
    severity: 'warning',
    examples: [{ title: 'an unlisted session', files: { 'sessions/extra.yaml': "id: extra\ntitle: T\ndate: 2015-10-27\nstart: '09:00'\nend: '10:00'\nlocation: R\nitems:\n  - time: '09:00'\n    title: W\n" }, messages: ['sessions/extra.yaml:1:5-1:10: Session "extra" is not listed under `sessions` in meeting.yaml, so the pack leaves it out.'] }],
  },
  {
    id: 'biography-group',
    doc: "A biography section's `attending` and `group` must agree with each person's own file, and a declared group that lists its `people` must list everyone whose file names the group, or their biographies would not be printed.",
    severity: 'error',
    examples: [
      {
        title: 'a person listed under the wrong group',
        files: {
          'people/p.md': '---\nid: p\nname: Hille Hinsberg\ngroup: new\nattending: false\n---\n\nBiography.\n',
          'papers/bios.md': paper('bios', 'status: included\npeople:\n  - heading: Founding members\n    group: founding\n    people: [p]'),
        },
        messages: ['papers/bios.md:8:14-8:15: Hille Hinsberg is listed under "Founding members", but people/p.md says `group: new`.'],
      },
      {
        title: "a member a declared group's list leaves out",
        files: {
          'people/p.md': '---\nid: p\nname: Ada Okafor\ngroup: councillors\nattending: true\n---\n\nBiography.\n',
          'people/q.md': '---\nid: q\nname: Tom Ellery\ngroup: councillors\nattending: true\n---\n\nBiography.\n',
          'papers/bios.md': paper('bios', 'status: included\ngroups:\n  - {id: councillors, title: Councillors, people: [p]}'),
        },
        messages: ['papers/bios.md:6:51: people/q.md says `group: councillors`, but "Councillors" does not list Tom Ellery, so the biography would not be printed. Add "q" to the group\'s `people`.'],
      },
      { title: 'no biographies', files: {}, messages: [] },
    ],
  },
  {
    id: 'declared-groups',
    doc: "A pack declares its groups of people in a paper (usually the biographies: `groups: [{id, title}]`), and each person's `group` names one. The 2015 pack's `founding` and `new` still build undeclared, with this warning at each group's first use; declare them to silence it. Any other undeclared group is an `unknown-reference` error.",
    severity: 'warning',
    examples: [
      {
        title: "the 2015 pack's groups, undeclared",
        files: { 'people/p.md': '---\nid: p\nname: Hille Hinsberg\ngroup: new\nattending: false\n---\n\nBiography.\n', 'people/q.md': '---\nid: q\nname: Jonathan Fox\ngroup: new\nattending: true\n---\n\nBiography.\n' },
        messages: ['people/p.md:4:8-4:11: `group: new` names a group no paper declares. Declare the pack\'s groups in the paper of biographies, e.g. `groups: [{id: founding, title: Founding members}, {id: new, title: New members}]`.'],
      },
      {
        title: 'declared groups',
        files: {
          'people/p.md': '---\nid: p\nname: Ada Okafor\nrole: Chair\ngroup: councillors\nattending: true\n---\n\nBiography.\n',
          'papers/bios.md': paper('bios', 'status: included\ngroups:\n  - {id: councillors, title: Councillors}'),
        },
        messages: [],
      },
    ],
  },
  {
    id: 'data-kind',
    doc: 'The 2015 pack\'s table kinds `then-and-now`, `implementation-plan` and `working-group-help` are layouts that the general `kind: table` (columns, rows, group rows, caption, notes) expresses. They still build, with this warning; rewrite the file as `kind: table`. (`peer-exchange` stays a kind of its own: its activities\' status chooses the rows of each table.)',
    severity: 'warning',
    examples: [
      {
        title: 'a then-and-now table',
        files: { 'data/t.yaml': 'kind: then-and-now\nid: t\ntitle: T\ncolumns: {attribute: A, then: B, now: C}\ngroups:\n  - name: G\n    rows:\n      - {attribute: a, then: b, now: c}\n' },
        messages: ['data/t.yaml:1:7-1:19: `kind: then-and-now` is one of the 2015 pack\'s table kinds. Write the table as `kind: table`, with `columns` (id, label), `rows` or `groups`, and a `caption` and `notes` if it has them.'],
      },
      { title: 'a general table', files: { 'data/t.yaml': 'kind: table\nid: t\ntitle: T\ncolumns:\n  - {id: a, label: A}\nrows:\n  - {a: x}\n' }, messages: [] },
    ],
  },
  {
    id: 'table-column',
    doc: "A general table's cells are keyed by the `id` of a column it declares, and no two columns share an id; a cell under an unknown key would never print.",
    severity: 'error',
    configurable: false,
    examples: [
      {
        title: 'a cell naming no column',
        files: { 'data/t.yaml': 'kind: table\nid: t\ntitle: T\ncolumns:\n  - {id: ward, label: Ward}\n  - {id: units, label: Units}\nrows:\n  - {ward: North, unit: 12}\n' },
        messages: ['data/t.yaml:8:25-8:27: The row names a column "unit" that `columns` does not declare. Did you mean "units"? Cells are keyed by column id: ward, units.'],
      },
      { title: 'cells under their columns', files: { 'data/t.yaml': 'kind: table\nid: t\ntitle: T\ncolumns:\n  - {id: ward, label: Ward}\nrows:\n  - {ward: North}\n' }, messages: [] },
    ],
  },
  {
    id: 'table-directive',
    doc: 'A table is placed with `::table{data="<id>"}` on a line of its own, naming a data file, with the attributes its kind takes.',
    severity: 'error',
    configurable: false,
    examples: [{ title: 'an unknown directive', files: { 'papers/a.md': paper('a', 'status: included', '\n::chart{data="x"}\n') }, messages: ['papers/a.md:7:1-7:18: Unknown directive "chart": the only directive is `::table{data="<data id>"}`, on a line of its own.'] }],
  },
  {
    id: 'image',
    doc: 'An image is a PNG or JPEG file inside the content directory, linked by a path relative to the paper that shows it. A missing, remote, damaged (cut short, failing its checksums) or other image would leave a gap in the pack; open a damaged one in an image editor and save it again.',
    severity: 'error',
    configurable: false,
    examples: [
      { title: 'a missing image', files: { 'papers/a.md': paper('a', 'status: included', '\n![Chart](chart.png)\n') }, messages: ['papers/a.md:7:1-7:20: Image "chart.png" not found: there is no papers/chart.png in the content directory.'] },
      { title: 'a remote image', files: { 'papers/a.md': paper('a', 'status: included', '\n![Chart](https://example.org/c.png)\n') }, messages: ['papers/a.md:7:1-7:36: Image "https://example.org/c.png" is not a file in the content directory: a pack is built offline, so save the image next to the paper and link it by a relative path.'] },
      {
        title: 'a PNG cut short',
        files: { 'papers/a.md': paper('a', 'status: included', '\n![Chart](chart.png)\n'), 'papers/chart.png': Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4', 'base64')) },
        messages: ['papers/a.md:7:1-7:20: Image "chart.png" is cut short: it ends before its last chunk (IEND). Open it in an image editor and save it again as PNG.'],
      },
      { title: 'no images', files: { 'papers/a.md': paper('a', 'status: included', '\nText.\n') }, messages: [] },
    ],
  },
  {
    id: 'annex',
    doc: 'A document in the annex part needs an annex declared in meeting.yaml.',
    severity: 'error',
    examples: [{ title: 'an annex document without an annex', files: { 'papers/a.md': paper('a', 'status: to-follow\npart: annex\norder: 1') }, messages: ['papers/a.md:5:7-5:12: "a" belongs to the annex, but meeting.yaml declares no annex. Add `annex: {title: …}` to meeting.yaml or move the document to the papers part.'] }],
  },
  {
    id: 'annex-order',
    doc: 'Each annex document has its own `order`, its position in the annex; two documents at one position would be printed in an arbitrary order. Renumber them.',
    severity: 'error',
    examples: [
      {
        title: 'two annex documents at one position',
        files: {
          'meeting.yaml': "pack: example\ntitle: E\nshort_title: E\norganisation: O\nseries: S\ndates: {start: 2015-10-26, end: 2015-10-27}\nvenue: V\nsessions: [only]\nannex: {title: Annex}\neditions:\n  - {id: public, label: Public, marking: PUBLIC}\n",
          'papers/a.md': paper('a', 'status: to-follow\npart: annex\norder: 1'),
          'papers/b.md': paper('b', 'status: to-follow\npart: annex\norder: 1'),
        },
        messages: ['papers/b.md:6:8-6:9: "b" has the same annex `order` (1) as "a". Give each annex document its own position.'],
      },
      { title: 'no annex', files: {}, messages: [] },
    ],
  },
  {
    id: 'check-config',
    doc: 'check.yaml in the content directory sets rules to off, warn or error: `rules: {spelling: warn}`. Unknown rules and settings are reported.',
    severity: 'error',
    configurable: false,
    examples: [{ title: 'a misspelt rule id', files: { 'check.yaml': 'rules:\n  speling: off\n' }, messages: ['check.yaml:2:3-2:10: Unknown rule "speling". Did you mean "spelling"? See `ogp-pack check --list-rules`.'] }],
  },
];

/** The minimal meeting, valid in every respect, is each foundation rule's passing example unless it has its own. */
export const FOUNDATION_RULES: Rule[] = RULES_OF_THE_PIPELINE.map((rule) =>
  rule.examples.some((e) => e.messages.length === 0) ? rule : { ...rule, examples: [...rule.examples, { title: 'a valid meeting', files: {}, messages: [] }] },
);
