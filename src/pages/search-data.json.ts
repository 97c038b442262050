import { readSearchData } from '../search/search-data.ts';
import { siteContentDir } from '../site/data.ts';

/** The search page's synonyms and traditional-character table, as one small file it loads with the index. */
export function GET(): Response {
  return new Response(JSON.stringify(readSearchData(siteContentDir())), { headers: { 'content-type': 'application/json' } });
}
