import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { dutyLines } from '../src/generators/list-table.ts';
import { formatDuty, formatDutyLine, type DutyParts } from '../src/lib/duty-text.ts';
import { parseDuties } from '../src/import/parse-cells.ts';
import { checkContentAt } from '../src/model/check.ts';

/**
 * The 责任事项（岗位职责） cell is written item by item by formatDuty and read back by the import's
 * parseDuties. Stage names come from the sample stage table (content/stages.yaml); posts, units
 * and duty texts are any text without the item syntax itself (brackets around the owner, the
 * colon after it, a number followed by 、 or . inside a duty, which the import — reading published
 * lists that run items together on one line — takes for the next item).
 */
const stagesYaml = parse(readFileSync(join(import.meta.dirname, '..', 'content', 'stages.yaml'), 'utf8')) as { categories: { stages?: string[]; procedures?: { stages?: string[] }[] }[] };
const stageNames = [...new Set(stagesYaml.categories.flatMap((c) => [...(c.stages ?? []), ...(c.procedures ?? []).flatMap((p) => p.stages ?? [])]))];

const words = (chars: string[], max: number) =>
  fc
    .string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: max })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const name = words(['受', '理', '审', '核', '法', '制', '岗', '科', '处', '执', '行', '政', '策'], 8);
const duty = words(['依', '法', '受', '理', '申', '请', '材', '料', '，', '。', '；', '、', '（', '）', '《', '》', '第', '十', '条', '3', '0', '日', ' '], 40).filter((s) => !/\d\s*[.、．]/.test(s));
const item: fc.Arbitrary<DutyParts> = fc
  .record({ stage: fc.constantFrom(...stageNames), post: fc.option(name, { nil: undefined }), unitName: fc.option(name, { nil: undefined }), duty })
  .map((d) => ({ stage: d.stage, ...(d.post ? { post: d.post } : {}), ...(d.unitName ? { unitName: d.unitName } : {}), duty: d.duty }));

const readBack = (text: string) => parseDuties(text).items.map(({ raw: _raw, ...parts }) => parts);

describe('责任事项: the list writes each item, the import reads it back', () => {
  it('reads back every cell of numbered items it writes', () => {
    expect(stageNames.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), (items) => {
        const cell = items.map((d, i) => formatDutyLine(i + 1, formatDuty(d))).join('\n');
        expect(readBack(cell)).toEqual(items);
      }),
      { numRuns: 400 },
    );
  });

  it('reads back the 责任事项 cell of every power of the sample content', () => {
    const { model } = checkContentAt(join(import.meta.dirname, '..', 'content'));
    for (const power of model!.powers) {
      const lines = dutyLines(model!, power);
      const main = power.stages.filter((s) => !s.isOther);
      const items = readBack(lines.map((l) => l.text).join('\n'));
      expect(items.slice(0, main.length).map((d) => [d.stage, d.post, d.duty]), power.code).toEqual(main.map((s) => [s.stage, s.post, s.duty.replace(/\s+/g, ' ').trim()]));
    }
  });
});
