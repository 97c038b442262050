import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDerivedList } from '../src/generators/derived-lists.ts';
import { derivedLists } from '../src/derived-lists/index.ts';
import { describeRange, parsePenaltyRanges, rangeWithin } from '../src/lib/penalty-range.ts';
import { BASE_FIXTURE, checkFixture } from './helpers/content.ts';

const clauses: { source: string; text: string; ranges: string[] }[] = JSON.parse(readFileSync(join(BASE_FIXTURE, '../penalty-clauses.json'), 'utf8'));

describe('penalty ranges read from statute text', () => {
  for (const clause of clauses) {
    it(clause.source, () => {
      expect(parsePenaltyRanges(clause.text).map(describeRange)).toEqual(clause.ranges);
    });
  }

  it('tells bands inside a range from bands outside it', () => {
    const [statutory] = parsePenaltyRanges('处一万元以上五万元以下的罚款');
    const band = (t: string) => parsePenaltyRanges(t)[0]!;
    expect(rangeWithin(band('处一万元以上二万元以下的罚款'), statutory!)).toBe(true);
    expect(rangeWithin(band('处5万元以下的罚款'), statutory!)).toBe(false); // no lower bound: could be below 一万元
    expect(rangeWithin(band('处四万元以上六万元以下罚款'), statutory!)).toBe(false);
    expect(rangeWithin(band('处违法所得一倍以上二倍以下的罚款'), statutory!)).toBe(false);
    expect(parsePenaltyRanges('货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款').map(describeRange)).toEqual(['货值金额10倍以上20倍以下']);
  });
});

describe('derived lists', () => {
  const model = checkFixture().model!;
  for (const meta of derivedLists) {
    // A reviewed file snapshot: `vitest -u` rewrites it; a missing one fails under CI.
    it(`${meta.title} matches its reviewed golden model`, async () => {
      const list = buildDerivedList(model, meta.id, model.departments[0]);
      await expect(JSON.stringify(list, null, 2) + '\n').toMatchFileSnapshot(join(BASE_FIXTURE, '../golden', `list-${meta.id}.json`));
    });
  }

  it('has the department column only in the site-wide view', () => {
    expect(buildDerivedList(model, 'discretion').columns[0]).toBe('部门');
    expect(buildDerivedList(model, 'discretion', model.departments[0]).columns[0]).toBe('职权名称');
    expect(buildDerivedList(model, 'discretion').rows.map((r) => r.cells.slice(5, 7).join(' '))).toEqual(['一般 经营时间不满一个月的', '严重 经营时间一个月以上的']);
  });
});
