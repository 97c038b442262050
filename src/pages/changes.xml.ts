import type { APIRoute } from 'astro';
import { changesFeed } from '../site/atom.ts';
import { getHistory, getSiteSettings, powerUrl } from '../site/data.ts';

/** Site-wide Atom feed of the 变更记录. */
export const GET: APIRoute = () => {
  const history = getHistory();
  const commits = history.available ? history.commits : [];
  return new Response(changesFeed({ title: `${getSiteSettings().title}变更记录`, path: '/changes.xml', commits, powerUrl }), { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
};
