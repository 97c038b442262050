import { z } from 'zod';
import { article, lawId, nonEmptyText } from './common.ts';
import { DAY_TYPES } from './power.ts';

const stageEntry = z.union([
  z.string().min(1),
  z.strictObject({ name: z.string().min(1), optional: z.boolean().default(false) }),
]);

const flowId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: '流程模板标识应为小写字母、数字和连字符' })
  .meta({ title: '流程模板', description: 'content/flows/<id>.yaml 中的流程图模板。' });

const stageList = z
  .union([z.literal('free'), z.array(stageEntry).min(1)])
  .meta({ title: '责任事项环节', description: '按顺序列出环节；free 表示环节由事项自定。' });

export const procedureSchema = z.strictObject({
  name: nonEmptyText('程序名称', '例如 一般程序。'),
  flow: flowId,
  stages: stageList,
});

export const categorySchema = z.strictObject({
  name: nonEmptyText('职权类别', '例如 行政许可。'),
  code: z.string().regex(/^[A-Z]{1,4}$/, { error: '类别代码应为 1–4 个大写字母' }),
  basis: z.string().default(''),
  day_type: z.enum(DAY_TYPES),
  fee: z.boolean().default(false),
  flow: flowId.optional(),
  stages: stageList,
  procedures: z.array(procedureSchema).optional(),
});

/**
 * How a law counts its own day limits: 许可法 §82 (all 工作日), 处罚法 §85 (二日、三日、五日、七日),
 * 强制法 §69 (十日以内). A limit set by any other statute counts as the statute writes it.
 */
export const dayCountingSchema = z
  .strictObject({
    law: lawId,
    article,
    working_days: z
      .union([z.literal('all'), z.array(z.number().int().positive()).min(1)])
      .optional()
      .meta({ title: '工作日期限', description: 'all：本法规定的期限均为工作日；或列出为工作日的日数，例如 [2, 3, 5, 7]。' }),
    working_days_up_to: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ title: '工作日上限', description: '不超过此日数的期限为工作日，例如 10（行政强制法第六十九条）。' }),
  })
  .refine((rule) => rule.working_days !== undefined || rule.working_days_up_to !== undefined, { error: '须填写 working_days 或 working_days_up_to' })
  .meta({ title: '期限计算规则' });

/** content/stages.yaml: the categories and their responsibility stages. */
export const stageTableSchema = z
  .strictObject({
    code_pattern: z.string().min(1),
    other_stage: z.strictObject({ name: z.string().min(1), duty: z.string().min(1) }),
    liability: z.array(z.string().min(1)).min(1),
    day_counting: z.array(dayCountingSchema).default([]).meta({ title: '期限计算规则', description: '程序法自身期限按工作日计算的规定。' }),
    categories: z.array(categorySchema).min(1),
  })
  .superRefine((table, ctx) => {
    table.categories.forEach((category, i) => {
      if (!category.flow && !category.procedures?.length) {
        ctx.addIssue({ code: 'custom', path: ['categories', i, 'flow'], message: '类别须有 flow，或在 procedures 中为每个程序指定 flow' });
      }
    });
  })
  .meta({ title: '环节划分参照表' });

export type StageTableFile = z.infer<typeof stageTableSchema>;
export type DayCountingRule = z.infer<typeof dayCountingSchema>;
export type CategoryFile = z.infer<typeof categorySchema>;
