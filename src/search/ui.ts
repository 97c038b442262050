import { folding, matchKey, matchTier, parseQuery, relaxQuery, segmentWords, titleBase, wordParts, type Folding, type ParsedQuery } from './query.ts';
import { CHAR_PAIRS_FILE, decodeCharPairs, mayMatch } from './char-pairs.ts';
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
  search(term: string, options?: { filters?: Record<string, { any: string[] }> }): Promise<{ results: PagefindResult[]; unfilteredResultCount: number } | null>;
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
export const FIRST_BATCH = 6;
const LATER_BATCH = 18;
const MAX_CHECKED = 120;
const PAGE_SIZE = 10;
/** How long a typed query must stay unchanged before the full text is asked (Enter asks at once). */
const PAUSE_BEFORE_FULL_TEXT = 800;
const FILTER_ORDER = ['类型', '部门', '类别', '机构', '层级'];
/** A filter (and value) no page has: a search with it counts pages without ranking them. */
const NO_FILTER = '\u0000';
const NO_SEARCH_DATA: SearchData = { synonyms: [], traditional: '', questionWords: [] };
/** Kept in a variable: the bundler must leave the import of the built index to the browser. */
const CATALOGUE_PATH = '/pagefind/pagefind.js';

interface Engines {
  catalogue: Pagefind;
  /** The full-text index, loaded after the catalogue (it is larger: one bundle per shard). */
  text: () => Promise<Pagefind | undefined>;
  fold: Folding;
  /**
   * Whether a query can match any page of this site, from the characters and pairs of every
   * page's text (char-pairs.ts): false, true, or undefined while that small file is still on its
   * way (it is loaded beside the index) — and always undefined when other sites' catalogues are
   * merged in, since their text is not in the file. A site without the file always answers true.
   */
  mayMatch: (query: ParsedQuery) => boolean | undefined;
  /** Whether it can match this site's full text, waiting for the file if need be. */
  mayMatchLater: (query: ParsedQuery) => Promise<boolean>;
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
  let last: { raw: string; answer: Answer; note?: string } | undefined;

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

  /**
   * Searches for `raw`. While the person is still typing (`typing`), only the catalogue is asked:
   * the full text is asked once they press Enter or stop typing for a moment, so that a half-typed
   * query never makes the next one wait behind the full text's larger downloads.
   */
  async function run(raw: string, typing = false): Promise<void> {
    const mine = ++generation;
    const engines = await ready;
    const { fold } = engines;
    if (mine !== generation) return;
    const query = parseQuery(raw, fold);
    // The address follows the query once it is asked for (Enter, or a pause in typing): browsers
    // fetch the page's icon again on each change, a request a slow phone would wait for.
    if (!typing) syncUrl(raw);
    if (query.words.length === 0) {
      list.replaceChildren();
      status.textContent = '';
      empty.hidden = true;
      more.hidden = true;
      last = undefined;
      root.dataset.state = 'idle';
      return;
    }
    root.dataset.state = 'searching';
    status.textContent = '正在搜索……';
    shown = PAGE_SIZE;
    const answer = ask(query, engines);
    last = { raw, answer };
    const current = () => mine === generation;
    // One page and one more (to know whether a 「显示更多」 is due): the work stops there, so the
    // next query does not wait behind requests for results nobody asked to see.
    await answer.fill(shown + 1, current, () => render(raw, answer), typing ? 1 : undefined);
    if (!current()) return;
    // Still typing, and the catalogue had less than a page (or nothing, perhaps a question being
    // typed): the rest waits until the words stop.
    if (typing && ((!answer.exhausted && answer.verified.length <= shown) || answer.verified.length === 0)) {
      if (answer.verified.length) render(raw, answer);
      await new Promise((done) => setTimeout(done, PAUSE_BEFORE_FULL_TEXT));
      if (!current()) return;
      syncUrl(raw);
      await answer.fill(shown + 1, current, () => render(raw, answer));
      if (!current()) return;
    } else if (typing) {
      setTimeout(() => current() && syncUrl(raw), PAUSE_BEFORE_FULL_TEXT);
    }
    // A question typed whole (食品经营许可怎么办理) that found nothing: searched again without its
    // question words, saying so.
    const relaxed = answer.verified.length ? undefined : relaxQuery(raw, fold);
    if (relaxed) {
      const note = `没有找到与「${raw.trim()}」完全相符的结果。以下是「${relaxed.rest}」的结果（略去了${relaxed.dropped.map((w) => `“${w}”`).join('')}）：`;
      const second = ask(parseQuery(relaxed.rest, fold), engines);
      await second.fill(shown + 1, current, () => render(raw, second, false, note));
      if (!current()) return;
      if (second.verified.length) {
        last = { raw, answer: second, note };
        render(raw, second, true, note);
        root.dataset.state = 'done';
        return;
      }
    }
    render(raw, answer, true);
    root.dataset.state = answer.verified.length ? 'done' : 'empty';
    if (!answer.verified.length) void suggest(query, mine);
  }

  /**
   * A query's answer from the catalogue, then the full text. A word that occurs in no page needs
   * no engine: "nothing" is known at once, where the full text (the large part of the search)
   * would otherwise have to be loaded to prove it.
   */
  function ask(query: ParsedQuery, engines: Engines): Answer {
    const fullText = async () => ((await engines.mayMatchLater(query)) ? engines.text() : undefined);
    return new Answer(query, engines.fold, engines.mayMatch(query) === false ? [] : [async () => engines.catalogue, fullText], { ...selected });
  }

  function render(raw: string, answer: Answer, final = false, note = ''): void {
    const { verified, query } = answer;
    if (verified.length === 0) {
      list.replaceChildren();
      more.hidden = true;
      if (!final) return;
      status.textContent = `没有找到与「${raw.trim()}」相符的结果。`;
      empty.hidden = false;
      return;
    }
    empty.hidden = true;
    const page = verified.slice(0, shown);
    status.textContent = note + (!final
      ? `已找到 ${verified.length} 个结果，正在查找更多……`
      : answer.complete
        ? `找到 ${verified.length} 个结果。`
        : `找到 ${page.length} 个以上结果，最相关的在前；加关键词或使用筛选可以缩小范围。`);
    list.replaceChildren(...page.map((v) => resultItem(v.data, query)));
    more.hidden = verified.length <= shown && answer.exhausted;
    if (root.dataset.state === 'searching') root.dataset.state = 'results';
  }

  async function suggest(query: ParsedQuery, mine: number): Promise<void> {
    const { catalogue: pagefind, fold } = await ready;
    const host = empty.querySelector<HTMLElement>('.search-suggestions')!;
    host.replaceChildren();
    const tried = new Set<string>();
    for (const word of query.forms.flat()) {
      for (const part of wordParts(word) ?? segmentWords(word)) {
        if (part.length < 2 || tried.has(part) || query.words.includes(part)) continue;
        tried.add(part);
        const sub = parseQuery(part, fold);
        // Offered if the catalogue has a match among its first candidates (one round of requests).
        // No count: the catalogue's is not the search's, which asks the full text too.
        const candidates = (await findCandidates(pagefind, sub, {}, () => mine === generation)).slice(0, FIRST_BATCH);
        const data = await Promise.all(candidates.map((c) => c.data()));
        if (mine !== generation) return;
        if (!data.some((d) => tierOf(sub, d, fold) !== undefined)) continue;
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = `?q=${encodeURIComponent(part)}`;
        a.textContent = part;
        a.addEventListener('click', (event) => {
          event.preventDefault();
          input.value = part;
          void run(part);
        });
        li.append('搜索「', a, '」');
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
    const { raw, answer, note } = last;
    const mine = generation;
    shown += PAGE_SIZE;
    more.disabled = true;
    void answer.fill(shown + 1, () => mine === generation).then(() => {
      more.disabled = false;
      if (mine === generation) render(raw, answer, true, note);
    });
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    // While the person types, the catalogue fetches the index chunks of the words so far.
    void ready.then(({ catalogue, fold }) => Promise.all(parseQuery(input.value, fold).engineQueries.map((q) => catalogue.preload(q)))).catch(() => {});
    timer = setTimeout(() => void run(input.value, true), 200);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    void run(input.value);
  });
  ready.then(
    (engines) => {
      root.dataset.ready = 'true';
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

/** An engine, loaded when first asked (undefined if it cannot be loaded). */
type Source = () => Promise<Pagefind | undefined>;

interface SourceState {
  candidates?: PagefindResult[];
  checked: number;
  /** Every candidate checked, or the engine cannot be loaded. */
  done: boolean;
  /** Candidates were left unchecked (over MAX_CHECKED): the count shown is a lower bound. */
  capped: boolean;
}

/**
 * One query's answer, built only as far as it is asked for: the engines in turn (the catalogue,
 * then the full text), each engine's candidates checked in batches, stopping as soon as the asked
 * number of matches is found. The full text is thus loaded and asked only when the catalogue has
 * fewer matches than a page, or when the reader asks for more.
 */
class Answer {
  readonly verified: Verified[] = [];
  private readonly seen = new Set<string>();
  private readonly states: SourceState[];
  private working: Promise<void> = Promise.resolve();

  readonly query: ParsedQuery;
  private readonly fold: Folding;
  private readonly sources: Source[];
  private readonly filters: Record<string, string[]>;

  constructor(query: ParsedQuery, fold: Folding, sources: Source[], filters: Record<string, string[]>) {
    this.query = query;
    this.fold = fold;
    this.sources = sources;
    this.filters = filters;
    this.states = sources.map(() => ({ checked: 0, done: false, capped: false }));
  }

  /** True when every engine was asked as far as it will be: nothing more to find. */
  get exhausted(): boolean {
    return this.states.every((s) => s.done);
  }

  /** True when, besides, no candidate was left unchecked: the count is exact. */
  get complete(): boolean {
    return this.states.every((s) => s.done && !s.capped);
  }

  /**
   * Checks candidates until `target` matches are found or every engine is done (only the first
   * `sources` engines are asked), calling `shown` after each batch once there are matches; gives up
   * (keeping what it has) when `current` turns false. Calls run one after another, so 「显示更多」
   * pressed early waits for the first page.
   */
  fill(target: number, current: () => boolean, shown?: () => void, sources = Infinity): Promise<void> {
    this.working = this.working.then(() => this.fillNow(target, current, shown, sources));
    return this.working;
  }

  private async fillNow(target: number, current: () => boolean, shown: (() => void) | undefined, sources: number): Promise<void> {
    for (const [i, state] of this.states.entries()) {
      if (i >= sources) return;
      if (state.done) continue;
      if (this.verified.length >= target || !current()) return;
      if (!state.candidates) {
        const engine = await this.sources[i]!();
        const candidates = engine ? await findCandidates(engine, this.query, this.filters, current) : [];
        if (!current()) return;
        state.candidates = candidates;
      }
      const limit = Math.min(state.candidates.length, MAX_CHECKED);
      while (state.checked < limit && this.verified.length < target) {
        if (!current()) return;
        // The first batch is one round of requests; later ones ask for about what is still missing.
        const size = state.checked === 0 ? FIRST_BATCH : Math.min(LATER_BATCH, Math.max(FIRST_BATCH, target - this.verified.length));
        const batch = state.candidates.slice(state.checked, Math.min(state.checked + size, limit));
        const data = await Promise.all(batch.map((c) => c.data()));
        data.forEach((d, j) => this.add(d, i * MAX_CHECKED + state.checked + j));
        // Among titles that contain the query, the shortest is the closest: 郑州市应急管理局 before its 岗责体系.
        this.verified.sort((a, b) => a.tier - b.tier || (a.tier <= 2 ? a.titleLength - b.titleLength : 0) || a.rank - b.rank);
        state.checked += batch.length;
        if (this.verified.length) shown?.();
      }
      state.done = state.checked >= limit;
      state.capped = state.candidates.length > limit;
    }
  }

  private add(data: PagefindData, rank: number): void {
    if (this.seen.has(data.url)) return;
    const tier = tierOf(this.query, data, this.fold);
    if (tier === undefined) return;
    this.seen.add(data.url);
    this.verified.push({ data, tier, rank, titleLength: (data.meta.title ?? '').length });
  }
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
  let pairsNow: Set<number> | undefined | null = null;
  const pairs = fetch(`/${CHAR_PAIRS_FILE}`)
    .then(
      async (r) => (r.ok ? decodeCharPairs(new Uint8Array(await r.arrayBuffer())) : undefined),
      () => undefined,
    )
    .then((keys) => (pairsNow = keys));
  const [catalogue, bundles, data] = await Promise.all([
    import(/* @vite-ignore */ CATALOGUE_PATH) as Promise<Pagefind>,
    fetch('/pagefind-shards.json').then((r) => (r.ok ? (r.json() as Promise<string[]>) : []), () => []),
    fetch('/search-data.json').then((r) => (r.ok ? (r.json() as Promise<SearchData>) : NO_SEARCH_DATA), () => NO_SEARCH_DATA),
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
  return {
    catalogue,
    text: () => (text ??= loadText().catch(() => undefined)),
    fold: folding(data),
    mayMatch: (query) => (pairsNow === null || merge.length ? undefined : !pairsNow || mayMatch(query, pairsNow)),
    mayMatchLater: async (query) => {
      const keys = await pairs;
      return !keys || mayMatch(query, keys);
    },
  };
}

/**
 * Pagefind's results for the query and for each synonym, in pagefind's order, without duplicates.
 * A query whose word parts are not all in the index has none: pagefind would drop those parts.
 * Stops (with none) as soon as `current` turns false, so that a query typed over does not keep
 * the engine busy: pagefind answers one search at a time.
 */
async function findCandidates(pagefind: Pagefind, query: ParsedQuery, filters: Record<string, string[]>, current: () => boolean): Promise<PagefindResult[]> {
  // Within one filter any ticked value will do (类别 行政许可 or 行政处罚); across filters all must hold.
  const any = Object.fromEntries(Object.entries(filters).map(([name, values]) => [name, { any: values }]));
  // The index chunks of every word at once (one round of requests), then the searches in turn.
  await Promise.all(query.engineQueries.map((q) => pagefind.preload(q)));
  const lists: PagefindResult[][] = [];
  for (const q of query.engineQueries) {
    const parts = [...new Set(q.split(' ').flatMap(segmentWords))];
    let found = true;
    for (const part of parts) {
      found = await inIndex(pagefind, part);
      if (!found || !current()) break;
    }
    if (!current()) return [];
    lists.push(found ? ((await pagefind.search(q, { filters: any }))?.results ?? []) : []);
  }
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

/** Whether each word part is in an index, per engine, remembered for the page's life. */
const known = new WeakMap<Pagefind, Map<string, Promise<boolean>>>();

/**
 * Whether a word part occurs anywhere in the index. A single character is taken as present: the
 * results are checked for the whole query anyway (single characters never match on their own),
 * and asking pagefind for 法 or 第 — in most of 10,000 records — took a second or more. Longer
 * parts are asked with a filter no page has, so pagefind counts the pages (unfilteredResultCount)
 * without ranking them.
 */
function inIndex(pagefind: Pagefind, part: string): Promise<boolean> {
  if ([...part].length < 2) return Promise.resolve(true);
  let parts = known.get(pagefind);
  if (!parts) known.set(pagefind, (parts = new Map()));
  let found = parts.get(part);
  if (!found) {
    found = pagefind.search(part, { filters: { [NO_FILTER]: { any: [NO_FILTER] } } }).then((r) => (r?.unfilteredResultCount ?? 0) > 0);
    parts.set(part, found);
  }
  return found;
}

function tierOf(query: ParsedQuery, data: PagefindData, fold: Folding): number | undefined {
  const title = data.meta.title ?? '';
  return matchTier(query, matchKey(title, fold), matchKey(data.content, fold), data.meta.code ? matchKey(data.meta.code, fold) : '', matchKey(titleBase(title), fold));
}

/**
 * For a law found by a query naming one of its articles (安全生产法第97条), the anchor of that
 * article on the law's page, where the powers citing it are listed — if the page lists it.
 */
function lawArticleAnchor(data: PagefindData, query: ParsedQuery): string {
  if (data.meta.type !== '法律法规') return '';
  const article = /第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?/.exec(query.words.join(' '))?.[0];
  return article && data.content.includes(article) ? `#${encodeURIComponent(article)}` : '';
}

function resultItem(data: PagefindData, query: ParsedQuery): HTMLLIElement {
  const li = document.createElement('li');
  const h3 = document.createElement('h3');
  const type = document.createElement('span');
  type.className = 'result-type';
  type.textContent = data.meta.type ?? '事项';
  const a = document.createElement('a');
  a.href = data.url + lawArticleAnchor(data, query);
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
