import type { APIRoute } from 'astro';
import { buildsDepartmentPages } from '../../../site/build-scope.ts';
import { getLawEffects, getModel } from '../../../site/data.ts';

export function getStaticPaths() {
  return getModel().departments.filter((d) => buildsDepartmentPages(d.id)).map((d) => ({ params: { id: d.id } }));
}

/** The department's rows of the law effects table as JSON. */
export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(getLawEffects().filter((r) => r.department?.id === params.id), null, 2), { headers: { 'content-type': 'application/json; charset=utf-8' } });
