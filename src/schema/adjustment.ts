import { z } from 'zod';
import { isoDate, nonEmptyText } from './common.ts';

/** Kinds of adjustment named in 调整文件 (新增、取消、变更、下放、承接、合并、拆分). */
export const ADJUSTMENT_KINDS = ['新增', '取消', '变更', '下放', '承接', '合并', '拆分'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];
/** Kinds after which the power is no longer exercised by this department: its page stays, as withdrawn. */
export const WITHDRAWING_KINDS: readonly AdjustmentKind[] = ['取消', '下放', '合并', '拆分'];

const codes = (title: string, description: string) =>
  z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)], { error: `${title}应为事项编码或事项编码列表` })
    .transform((v) => [v].flat())
    .meta({ title, description });

export const adjustmentItemSchema = z
  .strictObject({
    kind: z.enum(ADJUSTMENT_KINDS, { error: `调整类型应为 ${ADJUSTMENT_KINDS.join('、')} 之一` }).meta({ title: '调整类型', description: `${ADJUSTMENT_KINDS.join('、')} 之一。必填。` }),
    powers: codes('涉及事项', '本项调整涉及的事项编码（一个或多个）。必填。'),
    reason: nonEmptyText('调整理由', '本项调整的理由，例如 上位法取消该许可。').optional(),
    successor: codes('承接事项', '合并、拆分或承接后行使职权的事项编码；合并、拆分时必填。').optional(),
    to: nonEmptyText('承接单位', '下放或划转的去向，例如 各县（市、区）应急管理局。下放时必填。').optional(),
  })
  .meta({ title: '调整项' });

/** An approved adjustment of a list: content/adjustments/<id>.yaml. */
export const adjustmentSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: '调整记录标识应为小写字母、数字和连字符，且与文件名一致' })
      .meta({ title: '标识', description: '与文件名一致，例如 zz-yjglj-2025-01。必填。' }),
    department: nonEmptyText('部门', '作出调整的部门标识（content/departments/<id>.yaml）。必填。'),
    document: nonEmptyText('文号', '批准调整的文件文号，例如 郑政文〔2025〕12号。必填。'),
    title: nonEmptyText('文件标题', '调整文件的标题。').optional(),
    approved: isoDate.meta({ title: '批准日期', description: '调整文件的批准（印发）日期，YYYY-MM-DD。必填。' }),
    reason: nonEmptyText('调整理由', '本次调整的总体理由，写给公众。必填。'),
    items: z.array(adjustmentItemSchema).min(1, { error: '至少列出一项调整' }).meta({ title: '调整项', description: '逐项列出调整类型和涉及的事项。必填。' }),
  })
  .meta({ title: '清单调整记录', description: '一次经批准的权责清单调整（调整文件的文号、日期、逐项调整）。' });

export type Adjustment = z.infer<typeof adjustmentSchema>;
export type AdjustmentItem = z.infer<typeof adjustmentItemSchema>;
