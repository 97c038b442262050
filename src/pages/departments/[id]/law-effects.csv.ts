import type { APIRoute } from 'astro';
import { effectsCsv } from '../../../generators/law-effects.ts';
import { buildsDepartmentPages } from '../../../site/build-scope.ts';
import { getLawEffects, getModel } from '../../../site/data.ts';

export function getStaticPaths() {
  return getModel().departments.filter((d) => buildsDepartmentPages(d.id)).map((d) => ({ params: { id: d.id } }));
}

/** The department's rows of the law effects table as CSV. */
export const GET: APIRoute = ({ params }) =>
  new Response(effectsCsv(getLawEffects().filter((r) => r.department?.id === params.id)), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
