import { z } from 'zod';
import { nonEmptyText } from './common.ts';

export const DEPARTMENT_LEVELS = ['省级', '市级', '县级', '乡级'] as const;

export const unitSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: '机构标识应为小写字母、数字和连字符' })
      .meta({ title: '机构标识', description: '内设机构在本部门内唯一的标识，事项的 unit 字段引用它。必填。' }),
    name: nonEmptyText('机构名称', '内设机构或二级执法机构的全称，例如 危险化学品安全监督管理处。必填。'),
    posts: z
      .array(nonEmptyText('岗位', '岗位名称'))
      .min(1, { error: '至少列出一个岗位' })
      .meta({ title: '岗位', description: '该机构的执法岗位，例如 [受理岗, 审查岗]。事项各环节的 post 必须在此列出。' }),
  })
  .meta({ title: '内设机构' });

const contact = (title: string) =>
  z.strictObject({
    org: nonEmptyText(`${title}机构`, `${title}机构名称。`),
    phone: nonEmptyText(`${title}电话`, `${title}电话。`),
    address: nonEmptyText(`${title}地点`, `${title}地点。`).optional(),
  });

/** A department file: content/departments/<id>.yaml. */
export const departmentSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: '部门标识应为小写字母、数字和连字符，例如 zz-yjglj' })
      .meta({ title: '部门标识', description: '部门的唯一标识，与文件名和 content/powers/<id>/ 目录名一致。必填。' }),
    name: nonEmptyText('部门名称', '实施主体全称，例如 郑州市应急管理局。必填。'),
    region: z
      .string({ error: '行政区划代码应为加引号的 6 位数字字符串，例如 "410100"' })
      .regex(/^\d{6}$/, { error: '行政区划代码应为 6 位数字，例如 "410100"' })
      .meta({ title: '行政区划代码', description: '6 位行政区划代码（GB/T 2260），写成带引号的字符串。必填。' }),
    level: z
      .enum(DEPARTMENT_LEVELS, { error: `层级应为 ${DEPARTMENT_LEVELS.join('、')} 之一` })
      .meta({ title: '层级', description: '部门所属层级。必填。' }),
    units: z
      .array(unitSchema)
      .min(1, { error: '至少列出一个内设机构' })
      .meta({ title: '内设机构', description: '内设机构和二级执法机构及其岗位。必填。' }),
    directory: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: '上级目录标识应为小写字母、数字和连字符' })
      .optional()
      .meta({ title: '上级目录', description: '本部门清单对照的上级通用目录（content/directory/<id>.yaml 的 id）。' }),
    service: contact('服务').meta({ title: '服务机构', description: '清单页脚的服务机构、电话、地点。必填。' }),
    complaint: contact('投诉').meta({ title: '投诉机构', description: '清单页脚的投诉机构和电话。必填。' }),
  })
  .meta({ title: '部门', description: '一个行政执法部门：名称、区划、层级、内设机构与岗位、服务和投诉渠道。' });

export type Department = z.infer<typeof departmentSchema>;
export type Unit = z.infer<typeof unitSchema>;
