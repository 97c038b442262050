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

/** Who enforces a 行政强制执行 decision: the agency itself (a law grants it the power) or the court on its application. */
export const ENFORCERS = ['本机关', '人民法院'] as const;
/** The kind of obligation being enforced: money (强制法 §§45–49), an act, or removing an illegal building (§44). */
export const OBLIGATIONS = ['金钱给付', '作为义务', '拆除违法建筑物'] as const;

/**
 * Facts a power states in its front-matter that pick a branch of the template. A node or edge with
 * `when` appears on a power's chart only if the power's facts match every key given.
 */
export const flowConditionSchema = z
  .strictObject({
    by: z.array(z.enum(ENFORCERS)).min(1).optional().meta({ title: '执行主体', description: '仅当事项的 enforcement.by 为其中之一时显示。' }),
    obligation: z.array(z.enum(OBLIGATIONS)).min(1).optional().meta({ title: '义务类型', description: '仅当事项的 enforcement.obligation 为其中之一时显示。' }),
  })
  .meta({ title: '适用条件' });

/** A time limit a statute sets for one step, with the article that sets it. */
export const flowLimitSchema = z
  .strictObject({
    text: nonEmptyText('期限', '法定期限原文，例如 二十个工作日内、当场、七个工作日前。日数按第八十二条、第八十五条、第六十九条写明工作日。'),
    basis: z.array(source).min(1, { error: '期限须注明设定它的条款 basis' }).meta({ title: '期限依据', description: '设定本期限的条款。' }),
    yields: z
      .boolean()
      .default(false)
      .meta({ title: '一般期限', description: 'true：设定条款规定「法律、法规另有规定的，依照其规定」，事项在 period 所列环节写明特别期限时本期限不再显示。' }),
    period: z
      .array(z.string().min(1))
      .optional()
      .meta({ title: '覆盖环节', description: '本期限覆盖的环节（例如许可法第四十二条的期限自受理起算，覆盖审查和决定）；省略时为节点所在环节。' }),
  })
  .meta({ title: '节点期限' });

export const flowNodeSchema = z.strictObject({
  id: nodeId,
  label: nonEmptyText('节点文字', '节点上显示的文字。'),
  kind: z.enum(['start', 'step', 'decision', 'end']).default('step'),
  /** The responsibility stage this node belongs to; nodes are grouped by stage (and its post). */
  stage: z.string().optional(),
  /** The statutory limit of this step; a power's own limit for the stage replaces it only if it yields. */
  limit: flowLimitSchema.optional(),
  /** This node shows the power's own time limit for its stage (one node a stage at most). */
  stage_limit: z.boolean().default(false),
  /**
   * The node whose general limit this node extends (许可法 §42, 强制法 §25). The extension exists
   * only where a statute provides it: it is dropped when a special limit replaces the general one,
   * unless the power states the special statute's own extension.
   */
  extends: nodeId.optional(),
  when: flowConditionSchema.optional(),
  basis: z.array(source).default([]),
});

export const flowEdgeSchema = z.strictObject({
  from: nodeId,
  to: nodeId,
  label: z.string().optional(),
  when: flowConditionSchema.optional(),
  basis: z.array(source).default([]),
});

/** content/flows/<id>.yaml: a flowchart template for one category or flow variant. */
export const flowTemplateSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    title: nonEmptyText('标题', '例如 行政许可流程图。'),
    /** Laws the template follows, shown under the chart. */
    basis: z.string().default(''),
    /** The categories (stages.yaml names) this template is written for; omitted = any category (the generic chart). */
    categories: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .meta({ title: '适用类别', description: '本模板适用的职权类别；其他类别不得使用本模板（例如行政确认不得套用行政许可模板）。' }),
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
      if (node.extends !== undefined) {
        const base = flow.nodes.find((n) => n.id === node.extends);
        if (!base) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'extends'], message: `extends 引用了不存在的节点「${node.extends}」` });
        else if (!base.limit?.yields) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'extends'], message: `节点「${base.id}」没有可被特别规定替代的一般期限（limit.yields），不能被延长` });
      }
      if (!node.stage_limit) return;
      if (!node.stage) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'stage_limit'], message: 'stage_limit 只能用于属于某个环节的节点' });
      else if (flagged.has(`${node.stage} ${JSON.stringify(node.when ?? {})}`)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'stage_limit'], message: `环节「${node.stage}」已有一个 stage_limit 节点` });
      else flagged.add(`${node.stage} ${JSON.stringify(node.when ?? {})}`);
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
export type FlowEdge = z.infer<typeof flowEdgeSchema>;
export type FlowCondition = z.infer<typeof flowConditionSchema>;
export type FlowLimit = z.infer<typeof flowLimitSchema>;
export type Enforcer = (typeof ENFORCERS)[number];
export type Obligation = (typeof OBLIGATIONS)[number];
