import { z } from 'zod';
import { nonEmptyText } from './common.ts';
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

/** content/stages.yaml: the categories and their responsibility stages. */
export const stageTableSchema = z
  .strictObject({
    code_pattern: z.string().min(1),
    other_stage: z.strictObject({ name: z.string().min(1), duty: z.string().min(1) }),
    liability: z.array(z.string().min(1)).min(1),
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
export type CategoryFile = z.infer<typeof categorySchema>;
