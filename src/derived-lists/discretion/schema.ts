import { z } from 'zod';
import { articleRef, nonEmptyText } from '../../schema/common.ts';

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

/** The power file's `discretion` field. */
export const discretionField = z.array(discretionSchema).optional().meta({ title: '行政裁量权基准', description: '行政处罚事项的违法行为、裁量阶次和处罚标准。' });

export type PenaltyBand = z.output<typeof penaltyBandSchema>;
