import { z } from 'zod';
import { article, lawId, nonEmptyText } from './common.ts';

/**
 * Words of the Mermaid flowchart grammar that cannot name a node: the official parser rejects a
 * chart using them as ids (checked against it in test/flowchart-mermaid.test.ts).
 */
export const MERMAID_RESERVED_IDS = ['end', 'style', 'subgraph', 'classDef', 'class', 'graph', 'flowchart', 'linkStyle', 'click', 'call', 'href', 'interpolate'] as const;

const nodeId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: '节点标识须为 ASCII 字母开头的字母、数字、下划线（Mermaid 渲染器要求）' })
  .refine((id) => !(MERMAID_RESERVED_IDS as readonly string[]).includes(id), {
    error: (issue) => `节点标识「${String(issue.input)}」是 Mermaid 的保留字，流程图无法解析：请换一个标识，例如 ${String(issue.input)}_node（保留字：${MERMAID_RESERVED_IDS.join('、')}）`,
  });

/** The statutory source of a node or branch. */
const source = z.strictObject({ law: lawId, article });

export const flowNodeSchema = z.strictObject({
  id: nodeId,
  label: nonEmptyText('节点文字', '节点上显示的文字。'),
  kind: z.enum(['start', 'step', 'decision', 'end']).default('step'),
  /** The responsibility stage this node belongs to; nodes are grouped by stage (and its post). */
  stage: z.string().optional(),
  /** Time limit shown on the node unless the power's stage sets its own. */
  limit: z.string().optional(),
  /** This node shows the power's own time limit for its stage (one node a stage at most). */
  stage_limit: z.boolean().default(false),
  basis: z.array(source).default([]),
});

export const flowEdgeSchema = z.strictObject({
  from: nodeId,
  to: nodeId,
  label: z.string().optional(),
  basis: z.array(source).default([]),
});

/** content/flows/<id>.yaml: a flowchart template for one category or flow variant. */
export const flowTemplateSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    title: nonEmptyText('标题', '例如 行政许可流程图。'),
    /** Laws the template follows, shown under the chart. */
    basis: z.string().default(''),
    /** `linear`: the chart is built from the power's own stages (for categories without a national procedure). */
    layout: z.enum(['template', 'linear']).default('template'),
    nodes: z.array(flowNodeSchema).default([]),
    edges: z.array(flowEdgeSchema).default([]),
  })
  .superRefine((flow, ctx) => {
    const ids = new Set<string>();
    flow.nodes.forEach((node, i) => {
      if (ids.has(node.id)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `节点标识「${node.id}」重复` });
      ids.add(node.id);
    });
    const flagged = new Set<string>();
    flow.nodes.forEach((node, i) => {
      if (!node.stage_limit) return;
      if (!node.stage) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'stage_limit'], message: 'stage_limit 只能用于属于某个环节的节点' });
      else if (flagged.has(node.stage)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'stage_limit'], message: `环节「${node.stage}」已有一个 stage_limit 节点` });
      else flagged.add(node.stage);
    });
    flow.edges.forEach((edge, i) => {
      for (const end of ['from', 'to'] as const) {
        if (!ids.has(edge[end])) ctx.addIssue({ code: 'custom', path: ['edges', i, end], message: `连线引用了不存在的节点「${edge[end]}」` });
      }
    });
  })
  .meta({ title: '流程图模板' });

export type FlowTemplate = z.infer<typeof flowTemplateSchema>;
export type FlowNode = z.infer<typeof flowNodeSchema>;
