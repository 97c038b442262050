import type { APIRoute } from 'astro';
import { getLawEffects, getModel } from '../../../site/data.ts';

export function getStaticPaths() {
  return [...getModel().laws.keys()].map((id) => ({ params: { id } }));
}

/** The law's effects table as JSON (the same records as `quanze laws check --format json`). */
export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(getLawEffects().filter((r) => r.law.id === params.id), null, 2), { headers: { 'content-type': 'application/json; charset=utf-8' } });
