import { z } from 'zod';
import { articleRef } from '../../schema/common.ts';

/** 行政处罚法第五十八条第一款: the decisions that must pass legal review before they are made. */
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

/** The power file's `legal_review` field. */
export const legalReviewField = legalReviewSchema.optional();
