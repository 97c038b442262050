import type { APIRoute } from 'astro';
import { changesFeed } from '../site/atom.ts';
import { getSiteSettings, powerUrl } from '../site/data.ts';
import { publicChanges } from '../site/history-pages.ts';

/** Site-wide Atom feed of the 变更记录. */
export const GET: APIRoute = () => {
  const site = getSiteSettings();
  const feed = changesFeed({ title: `${site.title}变更记录`, path: '/changes.xml', page: '/changes/', entryUrl: (c) => `/changes/#c-${c.hash.slice(0, 7)}`, entries: publicChanges(), powerUrl, siteUrl: site.url });
  return new Response(feed, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
};
