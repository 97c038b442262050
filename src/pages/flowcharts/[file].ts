import type { APIRoute } from 'astro';
import { allFlowchartFiles } from '../../site/data.ts';

/** Each distinct flowchart once, as SVG and as its Mermaid source. */
export function getStaticPaths() {
  return [...allFlowchartFiles().entries()].flatMap(([hash, file]) => [
    { params: { file: `${hash}.svg` }, props: { body: file.svg } },
    { params: { file: `${hash}.mmd` }, props: { body: file.mermaid } },
  ]);
}

export const GET: APIRoute = ({ props }) => new Response(props.body as string);
