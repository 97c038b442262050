import type { z } from 'zod';
import { defineDerivedList } from '../define.ts';
import { avRecordingField, type avRecordingSchema } from './schema.ts';

type AvRecording = z.output<typeof avRecordingSchema>;

/** 音像记录事项清单 (执法全过程记录制度): each entry names one of the power's own stages. */
export const avRecording = defineDerivedList({
  id: 'av-recording',
  key: 'av_recording',
  title: '音像记录事项清单',
  source: '执法全过程记录制度；许昌市 2020 年通知第二部分',
  field: avRecordingField,
  resolve(value, { power, report }): AvRecording[] {
    return value.filter((r, i) => {
      if (power.stages.includes(r.stage)) return true;
      report(['av_recording', i, 'stage'], 'unknown-stage', `「${r.stage}」不是本事项的环节；本事项的环节：${power.stages.join('、')}`);
      return false;
    });
  },
  columns: ['环节', '记录场景', '记录方式'],
  rows: (r) => [[r.stage, r.scene, r.method]],
  entities: (value) => value.map((a) => ({ key: `av:${a.stage}:${a.scene}`, label: `音像记录「${a.stage}·${a.scene}」`, fields: { 方式: a.method } })),
  hints: (category) => (['行政处罚', '行政强制', '行政检查'].includes(category) ? ['# av_recording:            # 音像记录事项清单', '#   - { stage: 环节, scene: 现场检查, method: 执法记录仪全程音像记录 }'] : []),
});
