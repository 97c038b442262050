import type { APIRoute } from 'astro';
import { jsonSchema, SCHEMA_NAMES, type SchemaName } from '../../schema/json-schemas.ts';

/** /schemas/<kind>.schema.json, generated from the zod schemas. */
export function getStaticPaths() {
  return SCHEMA_NAMES.map((name) => ({ params: { name: `${name}.schema.json` }, props: { name } }));
}

export const GET: APIRoute = ({ props }) => new Response(jsonSchema((props as { name: SchemaName }).name), { headers: { 'content-type': 'application/schema+json' } });
