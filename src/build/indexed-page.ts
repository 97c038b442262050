import { Parser } from 'htmlparser2';
import { NOT_READ } from './page-search-text.ts';

/**
 * A built page cut down to what pagefind reads from it, for the search indexer. Removed: the
 * content of every element pagefind leaves out of the index (data-pagefind-ignore, and the
 * elements it never reads, see page-search-text.ts), and, on a page with data-pagefind-body
 * elements, the content of the page's other elements. Each element itself is kept, empty, so the
 * text on either side stays as far apart as before. Pagefind still reads filters, metadata and
 * sorts anywhere on a page (from an attribute or the element's content), and takes a page's
 * default title and image from its first h1 and img, wherever they are: an element carrying any
 * of those, or content holding one, is kept whole, and so is everything in <head>.
 *
 * Why: the law, list and post-system pages carry statutes and tables of thousands of rows that
 * search leaves out (at 10,000 powers, 76 MB of HTML for 50,000 indexed characters), and
 * pagefind's Node API sends every page to its service as text and parses it there: 5 s of the
 * service per build for those pages alone. test/indexed-page.test.ts holds pagefind's index of
 * the cut pages byte for byte to its index of the pages as written.
 */
export function indexedPage(html: string): string {
  const cuts: [number, number][] = [];
  // Content outside the data-pagefind-body elements: cut only if the page turns out to have one.
  const outside: [number, number][] = [];
  const open: { name: string; contentStart: number; left: boolean; outside: boolean; searchBody: boolean }[] = [];
  let inPageBody = 0;
  let inSearchBody = 0;
  let hasSearchBody = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const searchBody = 'data-pagefind-body' in attributes;
        hasSearchBody ||= searchBody;
        // A filter, metadata or sort may take its value from the element's content, and the page's title from an h1's.
        const read = name === 'h1' || Object.keys(attributes).some((a) => a.startsWith('data-pagefind-') && a !== 'data-pagefind-ignore');
        open.push({
          name,
          contentStart: parser.endIndex + 1,
          left: !read && (NOT_READ.has(name) || 'data-pagefind-ignore' in attributes),
          outside: !read && inPageBody > 0 && inSearchBody === 0 && !searchBody,
          searchBody,
        });
        if (name === 'body') inPageBody++;
        if (searchBody) inSearchBody++;
      },
      onclosetag(name, isImplied) {
        const element = open.pop();
        if (!element) return;
        if (element.name === 'body') inPageBody--;
        if (element.searchBody) inSearchBody--;
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
  if (hasSearchBody) for (const cut of outside) cuts.push(cut);
  if (!cuts.length) return html;
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
  return parts.join('');
}

/** Whether content pagefind does not index still holds something it reads: its attributes, or a page's default title or image. */
function readsInside(content: string): boolean {
  return /data-pagefind-|<h1[\s>/]|<img[\s>/]/i.test(content);
}
