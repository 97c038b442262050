import type { APIRoute } from 'astro';
import { buildsDepartmentPages } from '../../../site/build-scope.ts';
import { changesFeed } from '../../../site/atom.ts';
import { getHistory, getModel, powerUrl } from '../../../site/data.ts';

/** A department's Atom feed: the commits that changed its powers, with only its own entries. */
export function getStaticPaths() {
  return getModel().departments.filter((d) => buildsDepartmentPages(d.id)).map((d) => ({ params: { id: d.id } }));
}

export const GET: APIRoute = ({ params }) => {
  const department = getModel().departments.find((d) => d.id === params.id)!;
  const history = getHistory();
  const mine = (history.available ? history.commits : [])
    .map((c) => ({ ...c, revisions: c.revisions.filter((r) => r.file.includes(`/powers/${department.id}/`)) }))
    .filter((c) => c.revisions.length);
  return new Response(changesFeed({ title: `${department.name}权责清单变更记录`, path: `/departments/${department.id}/changes.xml`, commits: mine, powerUrl }), {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8' },
  });
};
