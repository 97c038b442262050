import { z } from 'zod';
import { nonEmptyText } from '../../schema/common.ts';

export const avRecordingSchema = z
  .strictObject({
    stage: nonEmptyText('环节', '须是本事项的一个责任事项环节。必填。'),
    scene: nonEmptyText('记录场景', '例如 现场检查、查封扣押、听证、强制执行。必填。'),
    method: nonEmptyText('记录方式', '例如 执法记录仪全程音像记录。必填。'),
  })
  .meta({ title: '音像记录事项' });

/** The power file's `av_recording` field. */
export const avRecordingField = z.array(avRecordingSchema).optional().meta({ title: '音像记录事项', description: '须全过程音像记录的环节、场景和方式。' });
