import { z } from 'zod';
import { isoDate, lawId, nonEmptyText } from './common.ts';

export const LAW_LEVELS = ['法律', '行政法规', '地方性法规', '部门规章', '地方政府规章', '规范性文件'] as const;
export const LAW_STATUSES = ['现行有效', '已修改', '已废止'] as const;
export const VERSION_KINDS = ['制定', '修正', '修订'] as const;

export const lawVersionSchema = z
  .strictObject({
    date: isoDate.meta({ title: '版本日期', description: '通过、修正或修订的日期；事项的 version 引用它。必填。' }),
    effective: isoDate.optional().meta({ title: '施行日期', description: '该版本施行日期。' }),
    kind: z
      .enum(VERSION_KINDS, { error: `版本类型应为 ${VERSION_KINDS.join('、')} 之一` })
      .meta({ title: '版本类型', description: '制定、修正或修订。必填。' }),
    note: z.string().optional().meta({ title: '说明', description: '例如 根据某决定修正。' }),
    articles: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ title: '条数', description: '该版本共有多少条；填写后，引用超出条数的条款会被指出。' }),
    source: z
      .string()
      .optional()
      .meta({ title: '全文来源', description: '全文 content/laws/<标识>/<版本日期>.md 取自何处，例如 国家法律法规数据库。' }),
    retrieved: isoDate.optional().meta({ title: '全文录入日期', description: '全文取得并核对的日期。' }),
  })
  .meta({ title: '版本' });

/** A law file: content/laws/<id>.yaml. */
export const lawSchema = z
  .strictObject({
    id: lawId.meta({ title: '法律标识', description: '唯一标识，与文件名一致，例如 xzxkf。必填。' }),
    title: nonEmptyText('名称', '法律法规全称，例如 中华人民共和国行政许可法。必填。'),
    short: nonEmptyText('简称', '清单中使用的简称，例如 行政许可法。必填。'),
    level: z
      .enum(LAW_LEVELS, { error: `效力层级应为 ${LAW_LEVELS.join('、')} 之一` })
      .meta({ title: '效力层级', description: '法律、行政法规、地方性法规、部门规章、地方政府规章或规范性文件。必填。' }),
    issuer: nonEmptyText('制定机关', '例如 全国人民代表大会常务委员会、国务院。必填。'),
    versions: z
      .array(lawVersionSchema)
      .min(1, { error: '至少列出一个版本' })
      .meta({ title: '版本', description: '历次制定、修正、修订，按日期从早到晚排列。必填。' }),
    status: z
      .enum(LAW_STATUSES, { error: `时效性应为 ${LAW_STATUSES.join('、')} 之一` })
      .meta({ title: '时效性', description: '现行有效、已修改或已废止。必填。' }),
    repealed: isoDate.optional().meta({ title: '废止日期', description: '已废止的法律须填写废止日期。' }),
  })
  .meta({ title: '法律法规', description: '法规库中的一部法律法规及其版本。' });

export type Law = z.infer<typeof lawSchema>;
export type LawVersion = z.infer<typeof lawVersionSchema>;
