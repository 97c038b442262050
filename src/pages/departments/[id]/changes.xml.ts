import type { APIRoute } from 'astro';
import { buildsDepartmentPages } from '../../../site/build-scope.ts';
import { changesFeed } from '../../../site/atom.ts';
import { getModel, getSiteSettings, powerUrl } from '../../../site/data.ts';
import { departmentChanges, departmentChangesUrl } from '../../../site/history-pages.ts';

/** A department's Atom feed: only its own changes, linking to its own change page. */
export function getStaticPaths() {
  return getModel().departments.filter((d) => buildsDepartmentPages(d.id)).map((d) => ({ params: { id: d.id } }));
}

export const GET: APIRoute = ({ params }) => {
  const department = getModel().departments.find((d) => d.id === params.id)!;
  const page = departmentChangesUrl(department.id);
  const feed = changesFeed({
    title: `${department.name}权责清单变更记录`,
    path: `/departments/${department.id}/changes.xml`,
    page,
    entryUrl: (c) => `${page}#c-${c.hash.slice(0, 7)}`,
    entries: departmentChanges(department.id),
    powerUrl,
    siteUrl: getSiteSettings().url,
  });
  return new Response(feed, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
};
