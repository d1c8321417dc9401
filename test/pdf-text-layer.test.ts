/**
 * The PDF's text layer is what its pages show (issue 13): pdfjs reads on every page the text the
 * renderer placed there, whichever editions are rendered together and in which order, and an
 * edition's bytes never depend on the others. The build checks the same round trip and stops
 * with an internal error when a page does not match.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPack } from '../src/build/build.js';
import type { Format, Rendered } from '../src/build/formats.js';
import { TextLayerError, textLayerMismatch } from '../src/build/text-layer.js';
import { readOutput } from '../src/editions/leaks.js';
import { fileTree, memoryTree } from '../src/io/source-tree.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { openPdf, PDF } from './helpers/pdf.js';
import { defaultManifest } from './helpers/default-pack.js';
import { editionPlans, folded, freshRenderer, MULTISCRIPT_DIR, PACK_DIRS, renderInOrder, type EditionPlans } from './helpers/text-layer.js';
import { MINIMAL_MEETING, MINIMAL_SESSION } from './helpers/trees.js';

/** Each page's text as pdfjs extracts it, in content order. */
async function pdfjsPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await openPdf(bytes);
  try {
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const content = await (await pdf.getPage(number)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

async function expectTextLayerAsPlaced(rendered: Rendered): Promise<void> {
  const read = await pdfjsPages(rendered.bytes);
  expect(rendered.text).toBeDefined();
  expect(read.length).toBe(rendered.text!.length);
  read.forEach((page, index) => expect(folded(page), `page ${index + 1}`).toBe(folded(rendered.text![index]!)));
}

describe.each(Object.entries(PACK_DIRS))('the %s pack rendered with its editions alone and together', (_name, dir) => {
  let plans: EditionPlans;
  const runs: Record<string, Record<string, Rendered>> = {};
  beforeAll(async () => {
    plans = await editionPlans(dir);
    expect(Object.keys(plans.plans)).toEqual(['public', 'committee']);
    runs['public alone'] = await renderInOrder(await freshRenderer(), plans, ['public']);
    runs['committee alone'] = await renderInOrder(await freshRenderer(), plans, ['committee']);
    runs['public, then committee'] = await renderInOrder(await freshRenderer(), plans, ['public', 'committee']);
    runs['committee, then public'] = await renderInOrder(await freshRenderer(), plans, ['committee', 'public']);
  }, 300_000);

  it('gives each edition the same bytes whatever is rendered with it, in either order', () => {
    for (const edition of ['public', 'committee']) {
      const alone = runs[`${edition} alone`]![edition]!.bytes;
      expect(Buffer.from(runs['public, then committee']![edition]!.bytes).equals(Buffer.from(alone)), `${edition} after public`).toBe(true);
      expect(Buffer.from(runs['committee, then public']![edition]!.bytes).equals(Buffer.from(alone)), `${edition} after committee`).toBe(true);
    }
    expect(Buffer.from(runs['public alone']!.public!.bytes).equals(Buffer.from(runs['committee alone']!.committee!.bytes))).toBe(false);
  });

  it.each(['public alone', 'committee alone', 'public, then committee', 'committee, then public'])('has on every page, as pdfjs reads it, the text placed there: %s', async (run) => {
    for (const rendered of Object.values(runs[run]!)) await expectTextLayerAsPlaced(rendered);
  });

  it('reports as placed the text of every page, the running header and footer included', () => {
    const rendered = runs['public alone']!.public!;
    expect(rendered.text!.length).toBe(rendered.pages);
    expect(rendered.text!.every((page) => page.includes(`of ${rendered.pages}`) || page === rendered.text![0])).toBe(true);
  });
});

describe('the multi-script pack as pdfjs reads it', () => {
  let publicText: string;
  let committeeText: string;
  beforeAll(async () => {
    const plans = await editionPlans(MULTISCRIPT_DIR);
    const rendered = await renderInOrder(await freshRenderer(), plans, ['public', 'committee']);
    publicText = folded((await pdfjsPages(rendered.public!.bytes)).join(''));
    committeeText = folded((await pdfjsPages(rendered.committee!.bytes)).join(''));
  }, 120_000);

  it('spells every name and mark as written, composed or decomposed in the source', () => {
    for (const text of [
      'Nguyễn Thị Minh Khai',
      'Phạm Văn Đồng',
      'ặ, ộ, ữ, ẫ, ệ, ở, ự',
      'ẹ, ị, ọ, ụ, ṣ',
      'Bold: Nguyễn Thị Minh Khai, ặ ộ ữ ẹ ị ọ ụ.',
      'Łódź',
      'Świętokrzyskie',
      'źdźbło',
      'İstanbul',
      'ığdır',
      'Şişli',
      'Αικατερίνη Παπαδοπούλου',
      'Наталья Соколова',
      'j\u0301, i\u0303\u0301',
      'ffi, ffl, fi, fl and ff in office, affluent, efficient, fluent, baffle and waffle',
    ])
      expect(publicText, text).toContain(folded(text));
  });

  it('carries the withheld paper and its canary in the committee edition only', () => {
    expect(committeeText).toContain('STRESS-CANARY-ZX81');
    expect(committeeText).toContain(folded('Nguyễn Thị Minh Khai proposes'));
    expect(publicText).not.toContain('STRESS-CANARY');
  });
});

describe("the build's check of the text layer", () => {
  const WITHHELD_PACK = {
    'meeting.yaml': `${MINIMAL_MEETING}  - {id: committee, label: Committee, audience: restricted, marking: RESTRICTED, carries: [included, withheld]}\n`,
    'sessions/only.yaml': `${MINIMAL_SESSION}    papers: [budget, position]\n`,
    // A soft hyphen, a zero-width space, decomposed letters and a "j" under an accent it has no precomposed form with.
    'papers/budget.md': '---\nid: budget\ntitle: Budget\nstatus: included\n---\n\nThe bud\u00adget of Łódź grows by ten\u200bper cent: Nguye\u0302\u0303n Thi\u0323, j\u0301.\n',
    'papers/position.md': '---\nid: position\ntitle: Position paper\nstatus: withheld\nreason: pre-decision\ncanary: STRESS-CANARY-ZX81\n---\n\nMarker STRESS-CANARY-ZX81.\n',
  };

  it('finds no difference on a rendered PDF, and the first differing page and position on a changed one', async () => {
    const plans = await editionPlans(MULTISCRIPT_DIR);
    const rendered = await renderPdf(plans.plans.public!, plans.layout, plans.fonts);
    const places = await readOutput('multiscript-test-public.pdf', rendered.bytes);
    expect(textLayerMismatch(rendered.text!, places)).toBeUndefined();

    const page = rendered.text!.findIndex((text) => text.includes('Thị'));
    expect(page).toBeGreaterThan(0);
    const changed = rendered.text!.map((text, index) => (index === page ? text.replace('Thị', 'Thi') : text));
    const offset = folded(rendered.text![page]!).indexOf('Thị') + 2;
    expect(textLayerMismatch(changed, places)).toEqual({ page: page + 1, offset });
    // A page the reader finds no text on is a difference too.
    expect(textLayerMismatch([...rendered.text!, 'more'], places)).toEqual({ page: rendered.text!.length + 1, offset: 0 });
  }, 60_000);

  it('stops the build with an internal error naming output, page and position, never the text', async () => {
    // A renderer whose report of placed text is off by one word on page 2: the check must catch it.
    const misreported: Format = {
      ...PDF[0]!,
      load: async () => async (plan, layout, fonts) => {
        const rendered = await renderPdf(plan, layout, fonts);
        return { ...rendered, text: rendered.text!.map((text, index) => (index === 1 ? `${text} Zebra` : text)) };
      },
    };
    const build = buildPack(memoryTree(WITHHELD_PACK), { formats: [misreported], editions: ['public'] }, {});
    await expect(build).rejects.toThrow(TextLayerError);
    const message = await build.catch((error: Error) => error.message);
    expect(message).toContain('test-pack-public.pdf');
    expect(message).toContain('page 2');
    expect(message).not.toContain('Zebra');
  }, 60_000);

  it('passes a build whose text has invisible characters, decomposed letters and an accented j', async () => {
    const { outputs, diagnostics } = await buildPack(memoryTree(WITHHELD_PACK), { formats: PDF }, {});
    expect(diagnostics.filter((d) => d.fatal)).toEqual([]);
    const publicPdf = outputs!.find((o) => o.name === 'public/test-pack-public.pdf')!;
    expect(folded((await pdfjsPages(publicPdf.bytes)).join(''))).toContain(folded('Nguyễn Thị, j\u0301'));
  }, 60_000);

  it('passes builds of both packs with both editions', async () => {
    // The default pack's: this run's shared build, which stops the run if it fails.
    expect(['public', 'committee'].flatMap((edition) => defaultManifest(edition).outputs.filter((o) => o.format === 'pdf'))).toHaveLength(2);
    const { outputs, diagnostics } = await buildPack(fileTree(MULTISCRIPT_DIR), { formats: PDF }, {});
    expect(diagnostics.filter((d) => d.fatal)).toEqual([]);
    expect(outputs?.map((o) => o.name).filter((n) => n.endsWith('.pdf'))).toHaveLength(2);
  }, 120_000);
});
