import { z } from 'zod';

/** The site-wide open-data file (/downloads/quanze-lists.json): every list, resolved. */
const named = z.strictObject({ id: z.string(), name: z.string() });
const limit = z.strictObject({ text: z.string(), amount: z.number(), unit: z.string() });
const lawRef = z.strictObject({ law: z.string(), article: z.string(), version: z.string() });

export const openDataPowerSchema = z
  .strictObject({
    code: z.string().meta({ description: '事项编码' }),
    name: z.string().meta({ description: '职权名称' }),
    category: z.string().meta({ description: '职权类别' }),
    procedure: z.string().optional().meta({ description: '程序（类别有多种流程时）' }),
    parent: z.string().optional().meta({ description: '主项编码（子项）' }),
    directoryCode: z.string().optional().meta({ description: '上级通用目录中的编码' }),
    unit: named.meta({ description: '承办机构' }),
    partners: z.array(z.string()).meta({ description: '配合部门' }),
    level: z.string().meta({ description: '行使层级' }),
    target: z.array(z.string()).meta({ description: '实施对象' }),
    status: z.enum(['有效', '暂停实施', '已取消']).meta({ description: '状态' }),
    basis: z.array(
      z.strictObject({
        law: z.strictObject({ id: z.string(), title: z.string(), short: z.string() }),
        article: z.string(),
        version: z.string(),
        quote: z.string().nullable(),
      }),
    ).meta({ description: '实施依据' }),
    stages: z.array(
      z.strictObject({
        stage: z.string(),
        unit: named,
        post: z.string().nullable(),
        duty: z.string(),
        limit: limit.nullable(),
        basis: lawRef.nullable(),
        extension: z.strictObject({ limit, basis: lawRef }).optional().meta({ description: '特别规定的延长期限及其依据' }),
      }),
    ).meta({ description: '责任事项' }),
    fee: z.strictObject({ charged: z.boolean(), basis: z.string().optional(), standard: z.string().optional() }).nullable(),
    totalLimit: z
      .strictObject({ statutory: limit, promised: limit.optional(), basis: lawRef.optional() })
      .optional()
      .meta({ description: '整个事项的法定办结时限、承诺时限及其依据（事项文件写明时）' }),
    liability: z.array(z.string()).meta({ description: '违法责任（按段）' }),
    accountability: z.array(z.strictObject({ situation: z.string(), basis: lawRef.nullable() })),
    notes: z.string().nullable(),
  })
  .meta({ title: '职权事项' });

export const openDataSchema = z
  .strictObject({
    format: z.literal('quanze-lists/1'),
    asOf: z.strictObject({ revision: z.string(), date: z.string() }).optional().meta({ description: '导出的是哪一版本（quanze export --as-of）' }),
    totals: z.strictObject({ departments: z.number(), powers: z.number(), byCategory: z.record(z.string(), z.number()) }),
    departments: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        region: z.string(),
        level: z.string(),
        units: z.array(z.strictObject({ id: z.string(), name: z.string(), posts: z.array(z.string()) })),
        service: z.strictObject({ org: z.string(), phone: z.string(), address: z.string().optional() }),
        complaint: z.strictObject({ org: z.string(), phone: z.string(), address: z.string().optional() }),
        powers: z.array(openDataPowerSchema),
      }),
    ),
  })
  .meta({ title: '行政执法权责清单开放数据', description: '各部门权责清单的全部事项，字段已解析（法律名称、机构名称）。' });

export type OpenData = z.infer<typeof openDataSchema>;
