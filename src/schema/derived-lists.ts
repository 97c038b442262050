import { z } from 'zod';
import { articleRef, nonEmptyText } from './common.ts';

/**
 * Optional fields from which the other public lists are derived (许昌 2020 §二、§四; 郑州 2024 台账
 * 第19–24项), so one entry feeds every list and they cannot drift apart.
 */
export const LEGAL_REVIEW_CIRCUMSTANCES = ['涉及重大公共利益', '直接关系当事人或者第三人重大权益，经过听证程序', '案件情况疑难复杂、涉及多个法律关系', '法律、法规规定应当进行法制审核'] as const;

export const legalReviewSchema = z
  .strictObject({
    circumstances: z
      .array(z.enum(LEGAL_REVIEW_CIRCUMSTANCES, { error: `情形应为 ${LEGAL_REVIEW_CIRCUMSTANCES.join('、')} 之一` }))
      .min(1, { error: '至少列出一种须法制审核的情形' })
      .meta({ title: '审核情形', description: '行政处罚法第五十八条第一款列明的情形。必填。' }),
    scope: z.string().optional().meta({ title: '审核范围', description: '例如 拟作出较大数额罚款或者吊销许可证件的决定。' }),
    basis: articleRef.meta({ title: '审核依据', description: '例如 { law: xzcff, article: 第五十八条第一款 }。必填。' }),
  })
  .meta({ title: '重大执法决定法制审核', description: '列入重大执法决定法制审核目录清单。' });

export const avRecordingSchema = z
  .strictObject({
    stage: nonEmptyText('环节', '须是本事项的一个责任事项环节。必填。'),
    scene: nonEmptyText('记录场景', '例如 现场检查、查封扣押、听证、强制执行。必填。'),
    method: nonEmptyText('记录方式', '例如 执法记录仪全程音像记录。必填。'),
  })
  .meta({ title: '音像记录事项' });

export const DEGREES = ['轻微', '一般', '较重', '严重'] as const;

export const penaltyBandSchema = z
  .strictObject({
    degree: z.enum(DEGREES, { error: `裁量阶次应为 ${DEGREES.join('、')} 之一` }).meta({ title: '裁量阶次' }),
    circumstances: nonEmptyText('情节', '适用本阶次的情节。必填。'),
    penalty: nonEmptyText('处罚标准', '本阶次的处罚，例如 处二万元以上五万元以下的罚款；其中的金额或倍数须在法定幅度内。必填。'),
    applies_to: z.enum(['公民', '法人或者其他组织'], { error: '适用对象应为 公民 或 法人或者其他组织' }).optional().meta({ title: '适用对象' }),
  })
  .meta({ title: '裁量阶次' });

export const discretionSchema = z
  .strictObject({
    violation: nonEmptyText('违法行为', '违法行为的表述。必填。'),
    violated: articleRef.meta({ title: '违法依据', description: '被违反的条款。必填。' }),
    penalty_basis: articleRef.meta({ title: '处罚依据', description: '设定处罚的条款，须已列入本事项的实施依据并有引文（据以核对法定幅度）。必填。' }),
    bands: z.array(penaltyBandSchema).min(1, { error: '至少列出一个裁量阶次' }).meta({ title: '裁量阶次' }),
  })
  .meta({ title: '行政裁量权基准' });

export const LENIENCY_LISTS = ['不予处罚', '减轻处罚', '从轻处罚', '不予实施行政强制'] as const;

export const leniencySchema = z
  .strictObject({
    list: z.enum(LENIENCY_LISTS, { error: `清单应为 ${LENIENCY_LISTS.join('、')} 之一` }).meta({ title: '清单' }),
    conditions: nonEmptyText('适用条件', '例如 初次违法且危害后果轻微并及时改正。必填。'),
    basis: articleRef.meta({ title: '依据', description: '例如 { law: xzcff, article: 第三十三条第一款 }。必填。' }),
  })
  .meta({ title: '四张清单事项' });

export const RISK_LEVELS = ['高', '中', '低'] as const;

export const riskSchema = z
  .strictObject({
    risk: nonEmptyText('风险点', '行政相对人可能发生的违法行为。必填。'),
    level: z.enum(RISK_LEVELS, { error: '风险等级应为 高、中、低 之一' }).meta({ title: '风险等级' }),
    measures: nonEmptyText('防控措施', '以提示、指导等非强制手段为主的防控措施。必填。'),
  })
  .meta({ title: '违法风险点' });
