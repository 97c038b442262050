import { escapeHtml } from '../generators/diff/render-html.ts';

/**
 * The catalogue record of a searchable page: what the first, small search index holds about it —
 * its title, type, code, filters and a few lines of text (names of the department, unit, category
 * and every law and article it rests on) — without the long text (duties, liability, notes) that
 * only the full-text index holds.
 *
 * Why two indexes: the full-text index of a city-scale site is built in shards to bound the
 * indexer's memory, and a query then fetches one index chunk per word from every shard (measured
 * at 10,000 powers: 81 chunks, 1.2 MB for one query — 7.8 s on a slow phone). The catalogue of
 * the same site is one small index (one chunk per word), so the best matches — every title, code
 * and law-article match — arrive first, and the full-text matches follow.
 *
 * The record is written into the page itself — JSON in an inert <template> element, so the page
 * still carries no script — so that an index can be made from any built site, and read back here
 * by the marker this module also writes.
 */
export type SearchType = '事项' | '法律法规' | '部门' | '岗责体系' | '职权类别';

export interface CatalogueRecord {
  type: SearchType;
  title: string;
  code?: string;
  filters: Record<string, string>;
  /** Lines of text to search besides the title, shown as the result's excerpt. */
  lines: string[];
}

const ATTRIBUTE = 'data-search-catalogue';
const CLOSE = '</template>';

/** The template element's content: the record as JSON, with `&` and `<` as character references. */
export function catalogueMarkup(record: CatalogueRecord): string {
  return JSON.stringify(record).replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** The catalogue record of a built page, or undefined if the page has none. */
export function readCatalogueRecord(html: string): CatalogueRecord | undefined {
  const at = html.indexOf(ATTRIBUTE);
  if (at < 0 || html.lastIndexOf('<template', at) < html.lastIndexOf('>', at)) return undefined;
  const start = html.indexOf('>', at) + 1;
  const end = html.indexOf(CLOSE, start);
  if (start === 0 || end < 0) return undefined;
  const record = JSON.parse(html.slice(start, end).replace(/&lt;/g, '<').replace(/&amp;/g, '&')) as CatalogueRecord;
  if (typeof record.title !== 'string' || !Array.isArray(record.lines)) return undefined;
  return record;
}

/**
 * What the catalogue index holds of a page, as a small HTML document for pagefind: the title as a
 * heading weighted like the pages' own (so pagefind ranks title matches first — with plain custom
 * records a record that merely cites a law ranked above the law itself, and a title that starts
 * with the query below records repeating its words), then the code and the lines; type, code and
 * filters as pagefind metadata and filters read from attributes (never from text, so any value is safe).
 */
export function catalogueHtml(record: CatalogueRecord): string {
  const meta = [
    ['title', record.title],
    ['type', record.type],
    ...(record.code ? [['code', record.code]] : []),
  ].map(([name, value]) => `<meta data-pagefind-meta="${name}[content]" content="${escapeHtml(value!)}">`);
  const filters = Object.entries(record.filters).map(([name, value]) => `<meta data-pagefind-filter="${escapeHtml(name)}[content]" content="${escapeHtml(value)}">`);
  const lines = [...(record.code ? [record.code] : []), ...record.lines].map((line) => `<p>${escapeHtml(line)}</p>`);
  return `<!doctype html><html lang="zh-CN"><head>${[...meta, ...filters].join('')}</head><body><h1 data-pagefind-weight="10">${escapeHtml(record.title)}</h1>${lines.join('')}</body></html>`;
}
