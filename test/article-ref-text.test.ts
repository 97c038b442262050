import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatArticleRef, parseArticleRef } from '../src/lib/article-ref-text.ts';
import { compareEntities } from '../src/generators/diff/compare.ts';
import { lawVersionsIn } from '../src/generators/diff/law-versions.ts';
import { powerEntities } from '../src/generators/diff/record-fields.ts';
import type { PowerRecord } from '../src/model/snapshot.ts';
import type { LawModel } from '../src/model/types.ts';
import { checkFixture } from './helpers/content.ts';

/** Article numbers as statutes write them: 第N条, optionally 之一, 第M款, 第K项. */
const numeral = fc.constantFrom('一', '二', '九', '十', '十二', '二十', '九十七', '一百', '一百零三', '二百五十');
const article = fc
  .tuple(numeral, fc.boolean(), fc.option(numeral, { nil: undefined }), fc.option(numeral, { nil: undefined }))
  .map(([n, zhiyi, k, x]) => `第${n}条${zhiyi ? '之一' : ''}${k ? `第${k}款` : ''}${k && x ? `第（${x}）项` : ''}`);
/** A law's name: any text without the title marks themselves. */
const lawName = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[《》]/.test(s));

describe('《short》article: one format and its parse', () => {
  it('reads back every reference it writes', () => {
    fc.assert(fc.property(lawName, fc.oneof(article, fc.constant('')), (law, a) => {
        expect(parseArticleRef(formatArticleRef(law, a))).toEqual({ law, article: a });
      }),
    );
  });

  it('writes back exactly the text it read, and reads nothing else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const parts = parseArticleRef(text);
        if (parts) expect(formatArticleRef(parts.law, parts.article)).toBe(text);
        else expect(/^《[^《》]+》[^《》]*$/.test(text)).toBe(false);
      }),
    );
    expect(parseArticleRef('见《安全生产法》第九十七条')).toBeUndefined();
    expect(parseArticleRef('《安全生产法》第九十七条、《消防法》第十条')).toBeUndefined();
  });

  it('reads back every citation of the sample content as printed', () => {
    const { model } = checkFixture();
    const citations = model!.powers.flatMap((p) => p.citations);
    expect(citations.length).toBeGreaterThan(0);
    for (const c of citations) expect(parseArticleRef(formatArticleRef(c.law.short, c.article))).toEqual({ law: c.law.short, article: c.article });
  });
});

describe('the law versions behind a change come from the entities, not their labels', () => {
  const record = (basis: { law: string; article: string; version: string }[]): PowerRecord => ({
    record: { basis, stages: [] } as unknown as PowerRecord['record'],
    file: 'content/powers/d/x.md',
    body: '',
  });
  const laws = new Map([['xzxkf', { id: 'xzxkf', short: '行政许可法', versions: [{ date: '2003-08-27' }, { date: '2019-04-23' }] } as unknown as LawModel]]);
  // A law name that looks like another label must not matter: only the key and fields are read.
  const name = () => '《伪》实施依据《行政许可法》';

  it('finds a version moved in place', () => {
    const changes = compareEntities(powerEntities(record([{ law: 'xzxkf', article: '第四十二条', version: '2003-08-27' }]), name), powerEntities(record([{ law: 'xzxkf', article: '第四十二条', version: '2019-04-23' }]), name));
    expect(lawVersionsIn(changes, laws)).toEqual([{ id: 'xzxkf', short: '行政许可法', date: '2019-04-23' }]);
  });

  it('finds a citation replaced by one of the same law at a newer version, and not an older one', () => {
    const older = powerEntities(record([{ law: 'xzxkf', article: '第四十二条', version: '2003-08-27' }]), name);
    const newer = powerEntities(record([{ law: 'xzxkf', article: '第四十三条', version: '2019-04-23' }]), name);
    expect(lawVersionsIn(compareEntities(older, newer), laws)).toEqual([{ id: 'xzxkf', short: '行政许可法', date: '2019-04-23' }]);
    expect(lawVersionsIn(compareEntities(newer, older), laws)).toEqual([]);
  });
});
