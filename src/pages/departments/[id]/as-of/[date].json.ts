import type { APIRoute } from 'astro';
import { snapshotDocument } from '../../../../site/snapshot-document.ts';
import { snapshotPaths } from '../../../../site/history-pages.ts';

/** A department's list as it stood at the end of a change date, as open data (for the compare form). */
export function getStaticPaths() {
  return snapshotPaths();
}

export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(snapshotDocument(params.id!, params.date!), null, 2) + '\n', { headers: { 'content-type': 'application/json; charset=utf-8' } });
