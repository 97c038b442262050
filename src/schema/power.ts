import { z } from 'zod';
import { LIMIT_HELP, MAX_LIMIT, parseLimitText } from '../lib/time-limit.ts';
import { article, articleRef, isoDate, lawId, nonEmptyText } from './common.ts';
import { ENFORCERS, OBLIGATIONS } from './flow-template.ts';
import { derivedListFields } from '../derived-lists/index.ts';

export const TARGETS = ['公民', '法人', '其他组织'] as const;
export const POWER_STATUSES = ['有效', '暂停实施', '已取消'] as const;
export const DAY_TYPES = ['工作日', '自然日'] as const;

/** One citation of the 实施依据: law, article, the version quoted and the quote. */
export const citationSchema = z
  .strictObject({
    law: lawId,
    article,
    version: isoDate.meta({ title: '版本', description: '所引用的法律版本日期，须是法规库中该法的一个版本。必填。' }),
    quote: z
      .string()
      .trim()
      .min(1, { error: '引文不能为空；没有引文时请删去 quote' })
      .optional()
      .meta({ title: '引文', description: '条文原文，逐字引用；可用「……」省略中间部分。缺少时给出警告。' }),
  })
  .meta({ title: '实施依据' });

export const limitSchema = z
  .union(
    [
      z.string().refine((s) => parseLimitText(s) !== undefined, { error: LIMIT_HELP }),
      z.strictObject({
        days: z
          .number({ error: 'days 应为正整数' })
          .int({ error: 'days 应为正整数' })
          .positive({ error: 'days 应为正整数' })
          .max(MAX_LIMIT.自然日, { error: `days 不应超过 ${MAX_LIMIT.自然日}（十年）：请核对期限` }),
        type: z.enum(DAY_TYPES, { error: 'type 应为 工作日 或 自然日' }),
      }),
    ],
    { error: LIMIT_HELP },
  )
  .meta({ title: '办理期限', description: '本环节的期限，例如 5个工作日、30日、当场，或 { days: 5, type: 工作日 }。' });

export const stageSchema = z
  .strictObject({
    stage: nonEmptyText('环节', '责任事项环节，须与 stages.yaml 中该类别的环节依次对应，例如 受理。必填。'),
    post: nonEmptyText('岗位', '承担本环节的岗位，须是承办机构（或本环节 unit）岗位之一。').optional(),
    unit: z
      .string()
      .optional()
      .meta({ title: '机构', description: '本环节由其他内设机构承担时填写其标识（例如法制审核由政策法规处承担）。' }),
    duty: nonEmptyText('职责', '本环节的责任事项（岗位职责）。必填。'),
    limit: limitSchema.optional(),
    basis: articleRef.optional().meta({ title: '环节依据', description: '本环节及其期限的法定依据。期限与流程图模板的一般期限不同时，须引用设定该特别期限的条款。' }),
    extension: z
      .strictObject({
        limit: limitSchema,
        basis: articleRef.meta({ title: '延长依据', description: '规定可以延长及延长期限的条款。必填。' }),
      })
      .optional()
      .meta({
        title: '延长期限',
        description: '特别规定允许延长本环节期限时填写，例如市场主体登记管理条例第十九条「可以再延长3个工作日」。特别期限替代一般期限后，一般规定的延长（如行政许可法第四十二条）不再显示。',
      }),
  })
  .meta({ title: '责任事项环节' });

/** The facts a 行政强制执行 power states so that its chart takes the branches the law gives it. */
export const enforcementSchema = z
  .strictObject({
    by: z
      .enum(ENFORCERS, { error: `执行主体应为 ${ENFORCERS.join('、')} 之一` })
      .meta({ title: '执行主体', description: '本机关：法律授予本机关行政强制执行权（行政强制法第十三条），按第三十五条至第四十四条自行执行；人民法院：本机关没有行政强制执行权，依第五十三条、第五十四条申请人民法院强制执行。必填。' }),
    basis: articleRef
      .optional()
      .meta({ title: '执行权依据', description: '授予本机关行政强制执行权的法律条款（执行主体为本机关时必填），例如 城乡规划法第六十八条。' }),
    obligation: z
      .enum(OBLIGATIONS, { error: `义务类型应为 ${OBLIGATIONS.join('、')} 之一` })
      .meta({ title: '义务类型', description: '金钱给付（罚款、滞纳金等，行政强制法第四十五条、第四十六条）、作为义务（排除妨碍、停产停业等），或拆除违法建筑物（第四十四条，须先公告）。必填。' }),
  })
  .meta({ title: '强制执行事实', description: '行政强制执行事项必填：由谁执行、执行何种义务；流程图据此选择法定程序分支。' });

export const feeSchema = z
  .strictObject({
    charged: z.boolean({ error: 'charged 应为 true 或 false' }).meta({ title: '是否收费', description: '必填。' }),
    basis: z.string().optional().meta({ title: '收费依据', description: '收费时必填。' }),
    standard: z.string().optional().meta({ title: '收费标准', description: '收费时必填。' }),
  })
  .refine((fee) => !fee.charged || (fee.basis && fee.standard), {
    error: '收费的事项须同时填写收费依据 basis 和收费标准 standard',
  })
  .meta({ title: '收费情况' });

/** The power's overall limit, where the sum of its stage limits is not the statutory total. */
export const totalLimitSchema = z
  .strictObject({
    statutory: limitSchema.meta({ title: '法定办结时限', description: '法律、法规规定的办结时限，例如 20个工作日、30日。必填。' }),
    promised: limitSchema
      .optional()
      .meta({ title: '承诺办结时限', description: '本部门向社会承诺的办结时限，不得长于法定办结时限，例如 10个工作日。' }),
    basis: articleRef.optional().meta({ title: '时限依据', description: '规定法定办结时限的条款，例如 { law: xzxkf, article: 第四十二条第一款 }。' }),
  })
  .meta({
    title: '办结时限',
    description: '整个事项的法定办结时限和承诺办结时限，显示在事项页的“办事要点”中。各环节期限之和不等于法定办结时限时填写（例如法定期限从收到材料之日起计算、环节可以并行）；省略时显示各环节期限之和。',
  });

export const accountabilitySchema = z
  .strictObject({
    situation: nonEmptyText('追责情形', '应当追究责任的情形。必填。'),
    basis: articleRef.optional(),
  })
  .meta({ title: '追责情形' });

/** The front-matter of a power file: content/powers/<department>/<code>.md. */
export const powerSchema = z
  .strictObject({
    code: z
      .string({ error: '事项编码应为字符串' })
      .min(1)
      .meta({ title: '事项编码', description: '全站唯一且稳定，用于网址和变更比对；格式见 stages.yaml 的 code_pattern。必填。' }),
    name: nonEmptyText('职权名称', '例如 烟花爆竹经营（批发）许可证核发。必填。'),
    category: nonEmptyText('职权类别', '行政许可、行政处罚等，须是 stages.yaml 中的类别。必填。'),
    procedure: z
      .string()
      .optional()
      .meta({ title: '程序', description: '类别有多种流程时必填：行政处罚 一般程序/简易程序，行政强制 行政强制措施/行政强制执行，行政检查 一般监督检查/年检类。' }),
    parent: z.string().optional().meta({ title: '主项编码', description: '子项填写其主项的事项编码；主项与子项类别相同。' }),
    unit: nonEmptyText('承办机构', '承办本事项的内设机构标识（部门文件 units 中的 id）。必填。'),
    partners: z.array(z.string()).optional().meta({ title: '配合部门', description: '联合实施或配合部门。' }),
    level: nonEmptyText('行使层级', '例如 市级、市级、县级。必填。'),
    target: z
      .array(z.enum(TARGETS, { error: `实施对象应为 ${TARGETS.join('、')} 之一` }))
      .min(1, { error: '至少列出一个实施对象' })
      .meta({ title: '实施对象', description: '公民、法人、其他组织中的一个或多个。必填。' }),
    basis: z
      .array(citationSchema)
      .min(1, { error: '至少列出一条实施依据' })
      .meta({ title: '实施依据', description: '设定和实施本事项的法律条款及原文。必填。' }),
    stages: z
      .array(stageSchema)
      .min(1, { error: '至少列出一个责任事项环节' })
      .meta({ title: '责任事项', description: '按环节列出岗位、职责和期限，环节顺序与 stages.yaml 一致。必填。' }),
    fee: feeSchema.optional(),
    total_limit: totalLimitSchema.optional(),
    enforcement: enforcementSchema.optional(),
    liability: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .meta({ title: '违法责任', description: '省略时使用 stages.yaml 中的标准违法责任表述；多段时写成列表。' }),
    accountability: z.array(accountabilitySchema).optional().meta({ title: '追责情形', description: '追责情形及其依据。' }),
    status: z
      .enum(POWER_STATUSES, { error: `状态应为 ${POWER_STATUSES.join('、')} 之一` })
      .default('有效')
      .meta({ title: '状态', description: '有效、暂停实施或已取消；省略时为有效。' }),
    notes: z.string().optional().meta({ title: '备注', description: '备注。' }),
    directory_code: z
      .string()
      .min(1)
      .optional()
      .meta({ title: '目录编码', description: '本事项在上级通用目录（部门文件 directory 指定）中的编码；对照上级目录时据此匹配。' }),
    change_note: z.string().optional().meta({ title: '变更说明', description: '写给公众的本次变更说明。' }),
    // The fields behind the other public lists, one per registered list (src/derived-lists/).
    ...derivedListFields(),
  })
  .meta({ title: '职权事项', description: '一个行政执法职权事项（权责清单中的一行）。' });

export type Power = z.infer<typeof powerSchema>;
export type Citation = z.infer<typeof citationSchema>;
export type Stage = z.infer<typeof stageSchema>;
export type Enforcement = z.infer<typeof enforcementSchema>;
export type ArticleRef = z.infer<typeof articleRef>;
