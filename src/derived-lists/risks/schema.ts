import { z } from 'zod';
import { nonEmptyText } from '../../schema/common.ts';

/** Risk levels, highest first: the order of the published list. */
export const RISK_LEVELS = ['高', '中', '低'] as const;

export const riskSchema = z
  .strictObject({
    risk: nonEmptyText('风险点', '行政相对人可能发生的违法行为。必填。'),
    level: z.enum(RISK_LEVELS, { error: '风险等级应为 高、中、低 之一' }).meta({ title: '风险等级' }),
    measures: nonEmptyText('防控措施', '以提示、指导等非强制手段为主的防控措施。必填。'),
  })
  .meta({ title: '违法风险点' });

/** The power file's `risks` field. */
export const risksField = z.array(riskSchema).optional().meta({ title: '违法风险点', description: '行政相对人违法风险点及防控措施。' });
