import { z } from 'zod';
import { article, isoDate, lawId, nonEmptyText } from './common.ts';
import { DEPARTMENT_LEVELS } from './department.ts';

const CHARSETS = ['数字', '大写字母', '字母数字'] as const;
export type CodeCharset = (typeof CHARSETS)[number];

/**
 * One fixed-width segment of a directory code, e.g. Guizhou's 2-letter type + 5-digit main item +
 * 3-digit sub-item. Codes are checked segment by segment (no regular expression from content, so
 * nothing a file says can make validation slow).
 */
export const codeSegmentSchema = z
  .strictObject({
    name: nonEmptyText('段名', '该段的含义，例如 事项类型、主项序号、子项序号。必填。'),
    length: z.number().int().min(1).max(20).meta({ title: '位数', description: '该段的字符数，1–20。必填。' }),
    charset: z.enum(CHARSETS, { error: `字符类型应为 ${CHARSETS.join('、')} 之一` }).meta({ title: '字符类型', description: `${CHARSETS.join('、')} 之一。必填。` }),
    child: z.boolean().default(false).meta({ title: '子项段', description: 'true 表示只有子项编码带这一段：子项编码 = 主项编码 + 子项段。' }),
  })
  .meta({ title: '编码段' });

export const codeSchemeSchema = z
  .strictObject({
    name: nonEmptyText('编码规则', '编码规则的名称或出处，例如 DB52/T 1264-2018。必填。'),
    separator: z.string().max(1).default('').meta({ title: '分隔符', description: '段与段之间的分隔符，例如 "-"；没有时省略。' }),
    segments: z.array(codeSegmentSchema).min(1, { error: '至少列出一个编码段' }).meta({ title: '编码段', description: '从左到右的各段。必填。' }),
  })
  .meta({ title: '编码规则', description: '上级目录的事项编码规则：主项编码由非子项段组成，子项编码在主项编码后加子项段。' });

const levelList = z
  .array(z.enum(DEPARTMENT_LEVELS, { error: `层级应为 ${DEPARTMENT_LEVELS.join('、')} 之一` }))
  .min(1, { error: '至少列出一个行使层级' });

export const directoryCitationSchema = z
  .strictObject({
    law: lawId,
    article: article.optional(),
  })
  .meta({ title: '依据', description: '法规库中的法律标识，可加条款（第X条）。' });

export const directoryItemSchema = z
  .strictObject({
    code: nonEmptyText('目录编码', '本事项在上级目录中的编码。必填。'),
    name: nonEmptyText('事项名称', '上级目录中的事项名称。必填。'),
    category: nonEmptyText('职权类别', '须是 stages.yaml 中的类别。必填。'),
    parent: z.string().min(1).optional().meta({ title: '主项编码', description: '子项填写其主项的目录编码。' }),
    levels: levelList.meta({ title: '行使层级', description: '哪些层级行使本事项，例如 [省级, 市级, 县级]。必填。' }),
    basis: z.array(directoryCitationSchema).optional().meta({ title: '实施依据', description: '上级目录列出的依据（法律及条款）。' }),
    note: z.string().optional().meta({ title: '备注', description: '上级目录的备注，例如 权限下放情况。' }),
  })
  .meta({ title: '目录事项' });

/** An upper-level general directory (通用目录): content/directory/<id>.yaml. */
export const directorySchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: '目录标识应为小写字母、数字和连字符，且与文件名一致' })
      .meta({ title: '目录标识', description: '与文件名一致，部门文件的 directory 字段引用它。必填。' }),
    title: nonEmptyText('目录名称', '例如 河南省应急管理系统行政职权通用目录。必填。'),
    issuer: nonEmptyText('发布机关', '发布目录的机关。必填。'),
    level: z.enum(DEPARTMENT_LEVELS, { error: `层级应为 ${DEPARTMENT_LEVELS.join('、')} 之一` }).meta({ title: '目录层级', description: '发布目录的层级。必填。' }),
    published: isoDate.meta({ title: '发布日期', description: 'YYYY-MM-DD。必填。' }),
    document: z.string().min(1).optional().meta({ title: '文号', description: '印发目录的文件文号。' }),
    source: z
      .string()
      .regex(/^https?:\/\/[^\s]+$/, { error: '来源应为 http:// 或 https:// 开头的网址' })
      .optional()
      .meta({ title: '来源', description: '目录原文的公开网址。' }),
    code_scheme: codeSchemeSchema.optional(),
    closed_categories: z
      .array(z.string().min(1))
      .default([])
      .meta({
        title: '不得超出目录的类别',
        description: '下级清单中这些类别的事项必须是本目录的事项，例如 [行政许可]（国办发〔2022〕2号：清单之外一律不得违法实施行政许可）。',
      }),
    items: z.array(directoryItemSchema).min(1, { error: '至少列出一个目录事项' }).meta({ title: '目录事项', description: '逐项列出。必填。' }),
  })
  .meta({ title: '上级目录', description: '上级机关发布的权责事项通用目录，下级清单据此对照。' });

export type Directory = z.infer<typeof directorySchema>;
export type DirectoryItem = z.infer<typeof directoryItemSchema>;
export type CodeScheme = z.infer<typeof codeSchemeSchema>;
