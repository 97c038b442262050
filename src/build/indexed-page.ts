import { Parser } from 'htmlparser2';

/**
 * Elements whose content pagefind leaves out of a page's text besides those marked
 * data-pagefind-ignore — found by indexing every HTML element with pagefind and reading back what
 * it kept (test/e2e/search-text-reading.test.ts does exactly that, so a pagefind that reads
 * otherwise turns it red). Pagefind keeps header, aside, button and select, and no alt text.
 */
export const NOT_READ = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'nav', 'footer', 'form', 'label']);

/** A built page as the search indexer uses it: cut down to what pagefind reads, and its text. */
export interface PageForSearch {
  /** The page cut down (see indexedPage). */
  page: string;
  /** The text pagefind indexes from it (see pageSearchText). */
  text: string;
}

/**
 * A built page cut down to what pagefind reads from it, for the search indexer. Removed: the
 * content of every element pagefind leaves out of the index (data-pagefind-ignore, and the
 * elements it never reads, NOT_READ), and, on a page with data-pagefind-body elements, the
 * content of the page's other elements. Each element itself is kept, empty, so the text on either
 * side stays as far apart as before. Pagefind still reads filters, metadata and sorts anywhere on
 * a page (from an attribute or the element's content), and takes a page's default title and image
 * from its first h1 and img, wherever they are: an element carrying any of those, or content
 * holding one, is kept whole, and so is everything in <head>.
 *
 * Why: the law, list and post-system pages carry statutes and tables of thousands of rows that
 * search leaves out (at 10,000 powers, 76 MB of HTML for 50,000 indexed characters), and
 * pagefind's Node API sends every page to its service as text and parses it there: 5 s of the
 * service per build for those pages alone. test/indexed-page.test.ts holds pagefind's index of
 * the cut pages byte for byte to its index of the pages as written.
 */
export function indexedPage(html: string): string {
  return readForSearch(html).page;
}

/**
 * The text of a built page as pagefind indexes it, for the site's character pairs
 * (src/search/char-pairs.ts): inside the data-pagefind-body elements (the whole page if there are
 * none), without data-pagefind-ignore elements and the elements pagefind never reads. Leaving an
 * element out joins the text around it, so the pairs across such a gap are pairs of the page too.
 * The pairs may only ever be a superset of pagefind's — a missing pair would hide a real result —
 * so test/e2e/search-text-reading.test.ts holds this reading to pagefind's own record of pages of
 * every kind. The cut page gives the same text (test/indexed-page.test.ts).
 */
export function pageSearchText(html: string): string {
  return readForSearch(html).text;
}

/**
 * The cut page and its text from one reading of the page: the indexer needs both for every page,
 * and the HTML parse is most of the cost of either.
 */
export function readForSearch(html: string): PageForSearch {
  const cuts: [number, number][] = [];
  // Content outside the data-pagefind-body elements: cut only if the page turns out to have one.
  const outside: [number, number][] = [];
  const open: { name: string; contentStart: number; left: boolean; outside: boolean; searchBody: boolean; unread: boolean }[] = [];
  // Text pagefind reads if the page has a search body, and if it has none: known only at the end.
  const bodyText: string[] = [];
  const pageText: string[] = [];
  let inPageBody = 0;
  let inSearchBody = 0;
  let inUnread = 0;
  let hasSearchBody = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const searchBody = 'data-pagefind-body' in attributes;
        hasSearchBody ||= searchBody;
        const unread = NOT_READ.has(name) || 'data-pagefind-ignore' in attributes;
        // A filter, metadata or sort may take its value from the element's content, and the page's title from an h1's.
        const read = name === 'h1' || Object.keys(attributes).some((a) => a.startsWith('data-pagefind-') && a !== 'data-pagefind-ignore');
        open.push({
          name,
          contentStart: parser.endIndex + 1,
          left: !read && unread,
          outside: !read && inPageBody > 0 && inSearchBody === 0 && !searchBody,
          searchBody,
          unread,
        });
        if (name === 'body') inPageBody++;
        if (searchBody) inSearchBody++;
        if (unread) inUnread++;
      },
      ontext(text) {
        if (inUnread > 0) return;
        pageText.push(text);
        if (inSearchBody > 0) bodyText.push(text);
      },
      onclosetag(name, isImplied) {
        const element = open.pop();
        if (!element) return;
        if (element.name === 'body') inPageBody--;
        if (element.searchBody) inSearchBody--;
        if (element.unread) inUnread--;
        // An implied close (a missing end tag, a void element) has no end tag to cut up to.
        if ((!element.left && !element.outside) || isImplied || element.name !== name) return;
        const end = parser.startIndex;
        if (end <= element.contentStart || readsInside(html.slice(element.contentStart, end))) return;
        (element.left ? cuts : outside).push([element.contentStart, end]);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  // Pagefind reads nothing outside the data-pagefind-body elements when a page has one.
  const text = (hasSearchBody ? bodyText : pageText).join('');
  if (hasSearchBody) for (const cut of outside) cuts.push(cut);
  if (!cuts.length) return { page: html, text };
  // An element closes after those inside it, so cuts nest: keep those no other cut contains.
  cuts.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of cuts) {
    if (start < at) continue;
    parts.push(html.slice(at, start));
    at = end;
  }
  parts.push(html.slice(at));
  return { page: parts.join(''), text };
}

/** Whether content pagefind does not index still holds something it reads: its attributes, or a page's default title or image. */
function readsInside(content: string): boolean {
  return /data-pagefind-|<h1[\s>/]|<img[\s>/]/i.test(content);
}
