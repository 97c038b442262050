import { folding, matchKey, matchTier, parseQuery, segmentWords, titleBase, type Folding, type ParsedQuery } from './query.ts';
import type { SearchData } from './search-data.ts';

/**
 * The search page's thin layer over pagefind (its index, ranking, metadata and filters): pagefind
 * proposes candidates in its own order; a candidate is shown only if it really contains the query
 * (query.ts decides, on the text pagefind returns), and exact and prefix title matches go first.
 * Pagefind drops query words it cannot find (驾驶证 → 证), so every word's parts are looked up on
 * their own first: a part found nowhere means no result.
 *
 * Two indexes are asked in turn (src/build/search-index.ts): the small catalogue first — titles,
 * codes, departments, laws and articles, so every title match is there — and its results are shown
 * at once; then the full text, whose further matches are added after them.
 */
interface PagefindResult {
  id: string;
  data(): Promise<PagefindData>;
}
interface PagefindData {
  url: string;
  content: string;
  plain_excerpt?: string;
  meta: Record<string, string | undefined>;
  filters?: Record<string, string[] | undefined>;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(path: string, options?: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string, options?: { filters?: Record<string, { any: string[] }> }): Promise<{ results: PagefindResult[] } | null>;
  preload(term: string): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

interface Verified {
  data: PagefindData;
  tier: number;
  rank: number;
  titleLength: number;
}

/**
 * Candidates checked before showing the first results (one round of requests: browsers open six
 * connections to a host), in each later round, and at most in all.
 */
const FIRST_BATCH = 6;
const LATER_BATCH = 18;
/** Candidates checked per suggested shorter search. */
const SUGGEST_CHECK = 12;
const MAX_CHECKED = 120;
const PAGE_SIZE = 10;
const FILTER_ORDER = ['类型', '部门', '类别', '机构', '层级'];
/** Kept in a variable: the bundler must leave the import of the built index to the browser. */
const CATALOGUE_PATH = '/pagefind/pagefind.js';

interface Engines {
  catalogue: Pagefind;
  /** The full-text index, loaded after the catalogue (it is larger: one bundle per shard). */
  text: () => Promise<Pagefind | undefined>;
  fold: Folding;
}

export function startSearch(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('form')!;
  const input = form.querySelector<HTMLInputElement>('input[type=search]')!;
  const status = root.querySelector<HTMLElement>('.search-status')!;
  const list = root.querySelector<HTMLOListElement>('ol.search-results')!;
  const more = root.querySelector<HTMLButtonElement>('button.search-more')!;
  const empty = root.querySelector<HTMLElement>('.search-empty')!;
  const filterBox = root.querySelector<HTMLDetailsElement>('details.search-filters')!;
  const merge = JSON.parse(root.dataset.merge ?? '[]') as string[];
  const selected: Record<string, string[]> = {};
  let generation = 0;
  let shown = PAGE_SIZE;
  let last: { query: ParsedQuery; verified: Verified[] } | undefined;

  const ready = load(merge);
  // Large screens show the filters beside the results; phones keep them folded below.
  if (matchMedia('(min-width: 760px)').matches) filterBox.open = true;
  const showFilters = () => void ready.then(({ catalogue }) => renderFilters(catalogue)).catch(() => {});
  if (filterBox.open) showFilters();
  else filterBox.addEventListener('toggle', showFilters, { once: true });

  async function renderFilters(pagefind: Pagefind): Promise<void> {
    const all = await pagefind.filters();
    const host = filterBox.querySelector<HTMLElement>('.filter-groups')!;
    host.replaceChildren();
    const names = Object.keys(all).sort((a, b) => rankOf(a) - rankOf(b));
    for (const name of names) {
      const fieldset = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = name;
      fieldset.append(legend);
      for (const [value, count] of Object.entries(all[name]!).sort((a, b) => b[1] - a[1])) {
        const label = document.createElement('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.checked = selected[name]?.includes(value) ?? false;
        box.addEventListener('change', () => {
          const values = new Set(selected[name] ?? []);
          if (box.checked) values.add(value);
          else values.delete(value);
          if (values.size) selected[name] = [...values];
          else delete selected[name];
          void run(input.value);
        });
        label.append(box, ` ${value}（${count}）`);
        fieldset.append(label);
      }
      host.append(fieldset);
    }
  }

  async function run(raw: string): Promise<void> {
    const mine = ++generation;
    const engines = await ready;
    const { fold } = engines;
    if (mine !== generation) return;
    const query = parseQuery(raw, fold);
    syncUrl(raw);
    if (query.words.length === 0) {
      list.replaceChildren();
      status.textContent = '';
      empty.hidden = true;
      more.hidden = true;
      root.dataset.state = 'idle';
      return;
    }
    root.dataset.state = 'searching';
    status.textContent = '正在搜索……';
    shown = PAGE_SIZE;
    const verified: Verified[] = [];
    const seen = new Set<string>();
    // Catalogue first: its matches are shown as soon as the first batch is checked.
    let partial = await verifyCandidates(engines.catalogue, query, fold, verified, seen, 0, () => mine === generation, () => render(raw, query, verified, true));
    if (mine !== generation) return;
    const text = await engines.text();
    if (mine !== generation) return;
    if (text) partial = (await verifyCandidates(text, query, fold, verified, seen, MAX_CHECKED, () => mine === generation, () => render(raw, query, verified, true))) || partial;
    if (mine !== generation) return;
    render(raw, query, verified, partial, true);
    root.dataset.state = verified.length ? 'done' : 'empty';
    if (!verified.length) void suggest(query, mine);
  }

  /**
   * Checks an engine's candidates in batches, adding those that really match to `verified` (once
   * per page) and calling `shown` after each batch; true if candidates were left unchecked.
   */
  async function verifyCandidates(
    pagefind: Pagefind,
    query: ParsedQuery,
    fold: Folding,
    verified: Verified[],
    seen: Set<string>,
    rankOffset: number,
    current: () => boolean,
    shown: () => void,
  ): Promise<boolean> {
    const candidates = await findCandidates(pagefind, query, selected);
    let checked = 0;
    let batchSize = FIRST_BATCH;
    while (checked < Math.min(candidates.length, MAX_CHECKED) && current()) {
      const batch = candidates.slice(checked, Math.min(checked + batchSize, MAX_CHECKED));
      const data = await Promise.all(batch.map((c) => c.data()));
      if (!current()) return false;
      data.forEach((d, i) => {
        if (seen.has(d.url)) return;
        const tier = tierOf(query, d, fold);
        if (tier === undefined) return;
        seen.add(d.url);
        verified.push({ data: d, tier, rank: rankOffset + checked + i, titleLength: (d.meta.title ?? '').length });
      });
      checked += batch.length;
      batchSize = LATER_BATCH;
      // Among titles that contain the query, the shortest is the closest: 郑州市应急管理局 before its 岗责体系.
      verified.sort((a, b) => a.tier - b.tier || (a.tier <= 2 ? a.titleLength - b.titleLength : 0) || a.rank - b.rank);
      if (verified.length) shown();
    }
    return checked < candidates.length;
  }

  function render(raw: string, query: ParsedQuery, verified: Verified[], partial: boolean, final = false): void {
    last = { query, verified };
    if (verified.length === 0) {
      list.replaceChildren();
      more.hidden = true;
      if (!final) return;
      status.textContent = `没有找到与「${raw.trim()}」相符的结果。`;
      empty.hidden = false;
      return;
    }
    empty.hidden = true;
    status.textContent = !final
      ? `已找到 ${verified.length} 个结果，正在查找更多……`
      : partial
        ? `找到 ${verified.length} 个以上结果，显示最相关的；加关键词或使用筛选可以缩小范围。`
        : `找到 ${verified.length} 个结果。`;
    list.replaceChildren(...verified.slice(0, shown).map((v) => resultItem(v.data, query)));
    more.hidden = verified.length <= shown;
    if (root.dataset.state === 'searching') root.dataset.state = 'results';
  }

  async function suggest(query: ParsedQuery, mine: number): Promise<void> {
    const { catalogue: pagefind, fold } = await ready;
    const host = empty.querySelector<HTMLElement>('.search-suggestions')!;
    host.replaceChildren();
    const tried = new Set<string>();
    for (const word of query.forms.flat()) {
      for (const part of segmentWords(word)) {
        if (part.length < 2 || tried.has(part) || query.words.includes(part)) continue;
        tried.add(part);
        const sub = parseQuery(part, fold);
        const candidates = (await findCandidates(pagefind, sub, {})).slice(0, SUGGEST_CHECK);
        const data = await Promise.all(candidates.map((c) => c.data()));
        if (mine !== generation) return;
        const hits = data.filter((d) => tierOf(sub, d, fold) !== undefined).length;
        if (hits === 0) continue;
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = `?q=${encodeURIComponent(part)}`;
        a.textContent = part;
        a.addEventListener('click', (event) => {
          event.preventDefault();
          input.value = part;
          void run(part);
        });
        li.append('搜索「', a, `」（${hits} 个结果${hits >= SUGGEST_CHECK ? '以上' : ''}）`);
        host.append(li);
      }
    }
  }

  function syncUrl(raw: string): void {
    const url = new URL(location.href);
    if (raw.trim()) url.searchParams.set('q', raw.trim());
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  }

  more.addEventListener('click', () => {
    if (!last) return;
    shown += PAGE_SIZE;
    const { query, verified } = last;
    list.replaceChildren(...verified.slice(0, shown).map((v) => resultItem(v.data, query)));
    more.hidden = verified.length <= shown;
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    // While the person types, the catalogue fetches the index chunks of the words so far.
    void ready.then(({ catalogue, fold }) => Promise.all(parseQuery(input.value, fold).engineQueries.map((q) => catalogue.preload(q)))).catch(() => {});
    timer = setTimeout(() => void run(input.value), 200);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    void run(input.value);
  });
  ready.then(
    (engines) => {
      root.dataset.ready = 'true';
      // The full text loads once the catalogue is ready and a first query had its chance.
      setTimeout(() => void engines.text(), 3000);
      const q = new URLSearchParams(location.search).get('q');
      if (q) {
        input.value = q;
        void run(q);
      }
    },
    () => {
      status.textContent = '搜索暂时无法使用：索引未能加载。可以按部门或职权类别浏览全部事项。';
    },
  );
}

function rankOf(filter: string): number {
  const i = FILTER_ORDER.indexOf(filter);
  return i < 0 ? FILTER_ORDER.length : i;
}

/**
 * The catalogue engine (with other jurisdictions' catalogues merged), the full-text engine on
 * demand (every full-text bundle merged into the first), and the query data.
 */
async function load(merge: string[]): Promise<Engines> {
  const [catalogue, bundles, data] = await Promise.all([
    import(/* @vite-ignore */ CATALOGUE_PATH) as Promise<Pagefind>,
    fetch('/pagefind-shards.json').then((r) => (r.ok ? (r.json() as Promise<string[]>) : []), () => []),
    fetch('/search-data.json').then((r) => (r.ok ? (r.json() as Promise<SearchData>) : { synonyms: [], traditional: '' }), () => ({ synonyms: [], traditional: '' })),
  ]);
  await catalogue.options({ excerptLength: 40 });
  await Promise.all(merge.map((path) => catalogue.mergeIndex(path)));
  await catalogue.init();
  // Pagefind fetches its search program and the index's page list at the first search: fetched
  // now, while the page loads, the first query pays only for its own words.
  await catalogue.preload('事项');
  let text: Promise<Pagefind | undefined> | undefined;
  const loadText = async (): Promise<Pagefind | undefined> => {
    const [first, ...rest] = bundles;
    if (!first) return undefined;
    const engine = (await import(/* @vite-ignore */ `${first}pagefind.js`)) as Pagefind;
    await engine.options({ excerptLength: 40 });
    await Promise.all(rest.map((path) => engine.mergeIndex(path)));
    await engine.init();
    return engine;
  };
  // A full text that cannot be loaded leaves the catalogue's results (tested: the page still answers).
  return { catalogue, text: () => (text ??= loadText().catch(() => undefined)), fold: folding(data) };
}

/**
 * Pagefind's results for the query and for each synonym, in pagefind's order, without duplicates.
 * A query whose word parts are not all in the index has none: pagefind would drop those parts.
 */
async function findCandidates(pagefind: Pagefind, query: ParsedQuery, filters: Record<string, string[]>): Promise<PagefindResult[]> {
  const lists = await Promise.all(
    query.engineQueries.map(async (q) => {
      const parts = [...new Set(q.split(' ').flatMap(segmentWords))];
      const found = await Promise.all(parts.map(async (p) => ((await pagefind.search(p))?.results.length ?? 0) > 0));
      if (!found.every(Boolean)) return [];
      // Within one filter any ticked value will do (类别 行政许可 or 行政处罚); across filters all must hold.
      const any = Object.fromEntries(Object.entries(filters).map(([name, values]) => [name, { any: values }]));
      return (await pagefind.search(q, { filters: any }))?.results ?? [];
    }),
  );
  const seen = new Set<string>();
  const out: PagefindResult[] = [];
  // Interleave, so that a synonym's best results are not pushed behind the original's last.
  for (let i = 0; lists.some((l) => i < l.length); i++) {
    for (const l of lists) {
      const r = l[i];
      if (r && !seen.has(r.id)) {
        seen.add(r.id);
        out.push(r);
      }
    }
  }
  return out;
}

function tierOf(query: ParsedQuery, data: PagefindData, fold: Folding): number | undefined {
  const title = data.meta.title ?? '';
  return matchTier(query, matchKey(title, fold), matchKey(data.content, fold), data.meta.code ? matchKey(data.meta.code, fold) : '', matchKey(titleBase(title), fold));
}

function resultItem(data: PagefindData, query: ParsedQuery): HTMLLIElement {
  const li = document.createElement('li');
  const h3 = document.createElement('h3');
  const type = document.createElement('span');
  type.className = 'result-type';
  type.textContent = data.meta.type ?? '事项';
  const a = document.createElement('a');
  a.href = data.url;
  a.textContent = data.meta.title ?? data.url;
  h3.append(type, a);
  li.append(h3);
  const facts = [data.meta.code, data.filters?.['部门']?.[0], data.filters?.['类别']?.[0]].filter(Boolean);
  if (facts.length) {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = facts.join(' · ');
    li.append(p);
  }
  const excerpt = data.plain_excerpt?.trim();
  if (excerpt) {
    const p = document.createElement('p');
    p.append(...highlight(excerpt, query));
    li.append(p);
  }
  return li;
}

/** The excerpt with the query's words marked, built as DOM nodes (never as markup). */
function highlight(text: string, query: ParsedQuery): Node[] {
  const forms = query.forms.flat().filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
  const nodes: Node[] = [];
  let rest = text;
  while (rest) {
    let at = -1;
    let form = '';
    for (const f of forms) {
      const i = rest.indexOf(f);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
        form = f;
      }
    }
    if (at < 0) {
      nodes.push(document.createTextNode(rest));
      break;
    }
    if (at > 0) nodes.push(document.createTextNode(rest.slice(0, at)));
    const mark = document.createElement('mark');
    mark.textContent = rest.slice(at, at + form.length);
    nodes.push(mark);
    rest = rest.slice(at + form.length);
  }
  return nodes;
}
