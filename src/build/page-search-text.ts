import { Parser } from 'htmlparser2';

/**
 * The text of a built page as pagefind indexes it, for the site's character pairs
 * (src/search/char-pairs.ts): inside the data-pagefind-body elements (the whole page if there are
 * none), without data-pagefind-ignore elements and the elements pagefind never reads. Leaving an
 * element out joins the text around it, so the pairs across such a gap are pairs of the page too.
 * The pairs may only ever be a superset of pagefind's — a missing pair would hide a real result —
 * so test/e2e/site.test.ts holds this reading to pagefind's own record of every page of the built
 * sample (every page template).
 */
export function pageSearchText(html: string): string {
  const indexed: string[] = [];
  // Pagefind reads nothing outside the data-pagefind-body elements when a page has one.
  const first = html.indexOf('data-pagefind-body');
  const hasBody = first >= 0;
  // Per open element: whether it is left out (and so everything inside it), and whether it is a
  // data-pagefind-body element.
  const open: { skip: boolean; body: boolean }[] = [];
  let skipDepth = 0;
  let bodyDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const element = { skip: NOT_READ.has(name) || 'data-pagefind-ignore' in attributes, body: 'data-pagefind-body' in attributes };
        open.push(element);
        if (element.skip) skipDepth++;
        if (element.body) bodyDepth++;
      },
      onclosetag() {
        const element = open.pop();
        if (element?.skip) skipDepth--;
        if (element?.body) bodyDepth--;
      },
      ontext(text) {
        if (skipDepth === 0 && (bodyDepth > 0 || !hasBody)) indexed.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.end(hasBody ? html.slice(html.lastIndexOf('<', first)) : html);
  return indexed.join('');
}

/**
 * Elements whose content pagefind leaves out of a page's text besides those marked
 * data-pagefind-ignore — found by indexing every HTML element with pagefind and reading back what
 * it kept (test/e2e/search-text-reading.test.ts does exactly that, so a pagefind that reads
 * otherwise turns it red). Pagefind keeps header, aside, button and select, and no alt text.
 */
export const NOT_READ = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'nav', 'footer', 'form', 'label']);
