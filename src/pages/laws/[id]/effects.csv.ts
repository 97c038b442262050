import type { APIRoute } from 'astro';
import { effectsCsv } from '../../../generators/law-effects.ts';
import { getLawEffects, getModel } from '../../../site/data.ts';

export function getStaticPaths() {
  return [...getModel().laws.keys()].map((id) => ({ params: { id } }));
}

/** The law's effects table as CSV. */
export const GET: APIRoute = ({ params }) =>
  new Response(effectsCsv(getLawEffects().filter((r) => r.law.id === params.id)), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
