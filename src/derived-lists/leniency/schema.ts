import { z } from 'zod';
import { articleRef, nonEmptyText } from '../../schema/common.ts';

/** The four lists, in the order they are published. */
export const LENIENCY_LISTS = ['不予处罚', '减轻处罚', '从轻处罚', '不予实施行政强制'] as const;

export const leniencySchema = z
  .strictObject({
    list: z.enum(LENIENCY_LISTS, { error: `清单应为 ${LENIENCY_LISTS.join('、')} 之一` }).meta({ title: '清单' }),
    conditions: nonEmptyText('适用条件', '例如 初次违法且危害后果轻微并及时改正。必填。'),
    basis: articleRef.meta({ title: '依据', description: '例如 { law: xzcff, article: 第三十三条第一款 }。必填。' }),
  })
  .meta({ title: '四张清单事项' });

/** The power file's `leniency` field. */
export const leniencyField = z.array(leniencySchema).optional().meta({ title: '四张清单', description: '不予处罚、减轻处罚、从轻处罚、不予实施行政强制的事项。' });
