import { closest, distance } from 'fastest-levenshtein';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DataSource, Pack, PackDocument, PackPerson, PackSession, PeopleSection } from '../model/pack.js';
import type { PeopleGroup } from '../model/sources.generated.js';
import { locate } from '../validate/locate.js';
import type { Located, Validated } from '../validate/validate.js';

/** What each data kind accepts as `::table{…}` attributes besides `data`. */
const TABLE_ATTRIBUTES: Record<DataSource['kind'], Record<string, readonly string[]>> = {
  'peer-exchange': { status: ['complete-ongoing', 'planned'] },
  'then-and-now': {},
  'implementation-plan': {},
  'working-group-help': {},
};

/**
 * Builds the pack model from validated sources: checks that every id is unique and every
 * reference (meeting → sessions, agenda → papers and people, biographies → people,
 * `::table` → data) lands, and puts the papers and the annex in order.
 */
export function resolvePack(validated: Validated): { pack?: Pack; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { rejected } = validated;
  const report = (located: Located<unknown>, path: (string | number)[], rule: string, message: string, severity: 'error' | 'warning' = 'error') =>
    diagnostics.push(diagnostic({ file: located.source.file, span: locate(located.source.yaml, path), rule, severity, message }));

  const index = <T extends { id: string }>(entries: Located<T>[], what: string): Map<string, Located<T>> => {
    const byId = new Map<string, Located<T>>();
    for (const entry of entries) {
      const first = byId.get(entry.value.id);
      if (first) report(entry, ['id'], 'duplicate-id', `Duplicate ${what} id "${entry.value.id}": ${first.source.file} already uses it. Give each ${what} its own id.`);
      else byId.set(entry.value.id, entry);
    }
    return byId;
  };
  const sessions = index(validated.sessions, 'session');
  const documents = index<{ id: string; title: string }>([...validated.papers, ...validated.workingGroups], 'paper');
  const people = index(validated.people, 'person');
  const data = index(validated.data, 'data');

  const packPeople = new Map<string, PackPerson>();
  for (const [id, person] of people) packPeople.set(id, { ...person.value, biography: bodyOf(person.source.markdown), file: person.source.file });

  const meeting = validated.meeting;
  if (!meeting) return { diagnostics };

  const packDocuments = new Map<string, PackDocument>();
  for (const [id, located] of documents) {
    const value = located.value as (typeof validated.papers)[number]['value'] | (typeof validated.workingGroups)[number]['value'];
    const kind = 'acronym' in value ? 'working-group' : 'paper';
    const document: PackDocument = {
      kind,
      id,
      title: value.title,
      status: value.status,
      reason: value.reason,
      publicTitle: value.public_title,
      note: value.note,
      date: value.date,
      authors: value.authors ?? [],
      part: value.part ?? 'papers',
      body: bodyOf(located.source.markdown),
      file: located.source.file,
    };
    if ('acronym' in value) {
      document.workingGroup = { acronym: value.acronym, name: value.name, co_anchors: value.co_anchors, contacts: value.contacts };
    } else if (value.people) {
      document.people = value.people.map((group, i) => peopleSection(group, ['people', i], {}));
    }
    if (document.part === 'annex' && !meeting.value.annex) {
      report(located, ['part'], 'annex', `"${id}" belongs to the annex, but meeting.yaml declares no annex. Add \`annex: {title: …}\` to meeting.yaml or move the document to the papers part.`);
    }
    checkTables(located.source.file, document.body);
    packDocuments.set(id, document);

    function peopleSection(group: PeopleGroup, path: (string | number)[], inherited: { attending?: boolean; group?: string }): PeopleSection {
      const expect = { attending: group.attending ?? inherited.attending, group: group.group ?? inherited.group };
      const members: PackPerson[] = [];
      (group.people ?? []).forEach((personId, j) => {
        const person = packPeople.get(personId);
        if (!person) {
          if (rejected.person.has(personId)) return;
          report(located, [...path, 'people', j], 'unknown-reference', `Unknown person "${personId}": no file in people/ has this id.${suggest(personId, packPeople.keys())}`);
          return;
        }
        if (expect.attending !== undefined && person.attending !== expect.attending) {
          report(located, [...path, 'people', j], 'biography-group', `${person.name} is listed under "${group.heading}", but ${person.file} says \`attending: ${person.attending}\`.`);
        }
        if (expect.group !== undefined && person.group !== expect.group) {
          report(located, [...path, 'people', j], 'biography-group', `${person.name} is listed under "${group.heading}", but ${person.file} says \`group: ${person.group}\`.`);
        }
        members.push(person);
      });
      return {
        heading: group.heading,
        people: members,
        sections: (group.groups ?? []).map((sub, k) => peopleSection(sub, [...path, 'groups', k], expect)),
      };
    }
  }

  function checkTables(file: string, body: Root) {
    visit(body, (node) => {
      if (node.type !== 'leafDirective' && node.type !== 'containerDirective') return;
      const span = node.position ? { start: node.position.start, end: node.position.end } : undefined;
      const problem = (message: string) => diagnostics.push(diagnostic({ file, span, rule: 'table-directive', message }));
      if (node.type === 'containerDirective' || node.name !== 'table') {
        problem(`Unknown directive "${node.name}": the only block directive is \`::table{data="<data id>"}\`.`);
        return;
      }
      const { data: dataId, ...rest } = node.attributes ?? {};
      const target = dataId ? data.get(dataId) : undefined;
      if (!dataId || !target) {
        if (dataId && rejected.data.has(dataId)) return;
        problem(dataId ? `Unknown data "${dataId}": no file in data/ has this id.${suggest(dataId, data.keys())}` : 'A `::table` needs `data="<data id>"` naming a file in data/.');
        return;
      }
      const accepted = TABLE_ATTRIBUTES[target.value.kind];
      for (const [name, value] of Object.entries(rest)) {
        const allowed = accepted[name];
        if (!allowed) problem(`\`${name}\` does not apply to ${target.value.kind} data.`);
        else if (!allowed.includes(value ?? '')) problem(`\`${name}="${value}"\` must be one of: ${allowed.join(', ')}.`);
      }
      for (const name of Object.keys(accepted)) if (!(name in rest)) problem(`A table of ${target.value.kind} data needs \`${name}\`, one of: ${accepted[name]!.join(', ')}.`);
    });
  }

  const packSessions: PackSession[] = [];
  meeting.value.sessions.forEach((sessionId, i) => {
    const located = sessions.get(sessionId);
    if (!located) {
      if (rejected.session.has(sessionId)) return;
      report(meeting, ['sessions', i], 'unknown-reference', `Unknown session "${sessionId}": no file in sessions/ has this id.${suggest(sessionId, sessions.keys())}`);
      return;
    }
    const { items, ...session } = located.value;
    packSessions.push({
      ...session,
      items: items.map((item, j) => ({
        ...item,
        papers: (item.papers ?? []).filter((paperId, k) => {
          if (packDocuments.has(paperId)) return true;
          if (!rejected.document.has(paperId)) report(located, ['items', j, 'papers', k], 'unknown-reference', `Unknown paper "${paperId}": no file in papers/ or working-groups/ has this id.${suggest(paperId, packDocuments.keys())}`);
          return false;
        }),
        people: (item.people ?? []).flatMap((personId, k) => {
          const person = packPeople.get(personId);
          if (!person && !rejected.person.has(personId)) report(located, ['items', j, 'people', k], 'unknown-reference', `Unknown person "${personId}": no file in people/ has this id.${suggest(personId, packPeople.keys())}`);
          return person ? [person] : [];
        }),
      })),
    });
  });
  for (const [id, located] of sessions) {
    if (!meeting.value.sessions.includes(id)) report(located, ['id'], 'unlisted-session', `Session "${id}" is not listed under \`sessions\` in meeting.yaml, so the pack leaves it out.`, 'warning');
  }

  // Papers part: agenda order first, then any others by `order` and id. Annex: by `order`.
  const orderOf = (id: string) => (documents.get(id)!.value as { order?: number }).order ?? Number.MAX_SAFE_INTEGER;
  const byOrder = (a: string, b: string) => orderOf(a) - orderOf(b) || a.localeCompare(b);
  const agendaOrder = [...new Set(packSessions.flatMap((s) => s.items.flatMap((item) => item.papers)))];
  const inPart = (part: 'papers' | 'annex') => [...packDocuments.values()].filter((d) => d.part === part).map((d) => d.id);
  const papers = [...agendaOrder.filter((id) => packDocuments.get(id)!.part === 'papers'), ...inPart('papers').filter((id) => !agendaOrder.includes(id)).sort(byOrder)];
  const annex = inPart('annex').sort(byOrder);
  for (let i = 1; i < annex.length; i++) {
    if (orderOf(annex[i]!) === orderOf(annex[i - 1]!)) {
      report(documents.get(annex[i]!)!, ['order'], 'annex-order', `"${annex[i]}" has the same annex \`order\` (${orderOf(annex[i]!)}) as "${annex[i - 1]}". Give each annex document its own position.`);
    }
  }

  const pack: Pack = {
    meeting: meeting.value,
    sessions: packSessions,
    documents: packDocuments,
    papers,
    annex,
    data: new Map([...data].map(([id, located]) => [id, located.value])),
  };
  return { pack, diagnostics };
}

/** The Markdown body without its front matter node. */
function bodyOf(tree: Root | undefined): Root {
  return { type: 'root', children: (tree?.children ?? []).filter((node) => node.type !== 'yaml') };
}

/** ` Did you mean "x"?` for the closest known id, when it is only a typo away. */
function suggest(id: string, known: Iterable<string>): string {
  const candidates = [...known];
  if (candidates.length === 0) return '';
  const best = closest(id, candidates);
  return distance(id, best) <= Math.max(2, Math.floor(id.length / 3)) ? ` Did you mean "${best}"?` : '';
}
