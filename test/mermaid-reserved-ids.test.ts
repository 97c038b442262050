// @vitest-environment happy-dom
// happy-dom gives the official mermaid parser the DOM it expects; rendering itself is not used here.
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { flowTemplateSchema, MERMAID_RESERVED_IDS } from '../src/schema/flow-template.ts';

/** Keywords of Mermaid's flowchart grammar (its flow.jison), directions and common node names. */
const CANDIDATES = [
  ...['end', 'style', 'subgraph', 'classDef', 'class', 'graph', 'flowchart', 'linkStyle', 'click', 'call', 'href', 'interpolate', 'accTitle', 'accDescr'],
  ...['End', 'END', 'Style', 'Class', 'Graph', 'default', 'direction', 'TB', 'TD', 'BT', 'LR', 'RL', 'callback', 'node', 'link', 'start', 'finish', 'o', 'x', 'v', 'A', 'text', 'title', 'endNode', 'end_1', 'style2', 'graphs', 'classDefs', 'subgraph1', 'clicked'],
];

/** The three places an id stands in our charts: a node, a node in a subgraph, an edge end. */
const chartsWith = (id: string) => [
  `flowchart TD\n  a0["开始"] --> ${id}\n  ${id}["步骤"]`,
  `flowchart TD\n  subgraph g1["环节"]\n    ${id}["步骤"]\n  end\n  ${id} --> b0["下一步"]`,
  `flowchart TD\n  ${id}("开始") -->|"条件"| b0{"判断"}`,
];

async function parses(id: string): Promise<boolean> {
  for (const chart of chartsWith(id)) {
    try {
      await mermaid.parse(chart);
    } catch {
      return false;
    }
  }
  return true;
}

const template = (id: string) => ({ id: 'generic', title: '流程', layout: 'template', nodes: [{ id, label: '开始', kind: 'start' }] });

describe('flow template node ids and the official Mermaid parser', () => {
  it('an id the template schema accepts is one the parser accepts, and every reserved word is one it rejects', async () => {
    for (const id of CANDIDATES) {
      const accepted = flowTemplateSchema.safeParse(template(id)).success;
      const ok = await parses(id);
      if (accepted) expect(ok, `${id} passes validation but Mermaid cannot parse it`).toBe(true);
      if ((MERMAID_RESERVED_IDS as readonly string[]).includes(id)) expect(ok, `${id} is listed as reserved but Mermaid accepts it`).toBe(false);
    }
  });
});
