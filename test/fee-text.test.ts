import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { powersToCsv } from '../src/generators/exports/csv.ts';
import { formatFeeCell, parseFeeCell, type FeeParts } from '../src/lib/fee-text.ts';
import { checkContentAt } from '../src/model/check.ts';
import { pythonCsvRecords } from './helpers/python-csv.ts';

/**
 * The 收费情况 column is written by formatFeeCell and read back by the import with parseFeeCell.
 * The parts are any text a file may hold — with ；。：, brackets and digits, which the old reader
 * cut at the first ； — except the two labels themselves.
 */
const part = fc
  .string({ unit: fc.constantFrom('按', '件', '收', '取', '每', '元', '；', '。', '：', ';', '《', '》', '〔', '〕', '号', '1', '0', '%', ' ', '依', '据', '标', '准', '费'), minLength: 1, maxLength: 30 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && !/收费(标准|依据)[：:]/.test(s));
const fee: fc.Arbitrary<FeeParts> = fc.oneof(
  fc.constant({ charged: false }),
  fc.record({ charged: fc.constant(true), basis: part, standard: part }),
);

describe('收费情况: one format and its parse', () => {
  it('reads back every fee it writes', () => {
    fc.assert(fc.property(fee, (f) => {
        expect(parseFeeCell(formatFeeCell(f))).toEqual(f);
      }), { numRuns: 500 });
  });

  it('reads a standard that holds ；, and the parts in either order', () => {
    expect(parseFeeCell('是。收费标准：按件收取；每件10元；收费依据：《收费管理办法》第三条')).toEqual({ charged: true, standard: '按件收取；每件10元', basis: '《收费管理办法》第三条' });
    expect(parseFeeCell('收费。收费依据：陕价调发〔2004〕12号；收费标准：每平方米600元')).toEqual({ charged: true, standard: '每平方米600元', basis: '陕价调发〔2004〕12号' });
    expect(parseFeeCell('不收费')).toEqual({ charged: false });
    expect(parseFeeCell('依据陕价调发〔2004〕12号收取人防工程易地建设费')).toBeUndefined();
  });

  it('is stable: what it reads, written and read again, is the same', () => {
    const text = fc.tuple(fc.constantFrom('是', '否', '收费', '不收费', '免费', '是。收费标准：', '是，收费依据：', '收费标准：'), fc.string({ maxLength: 40 })).map(([a, b]) => a + b);
    fc.assert(
      fc.property(text, (t) => {
        const parts = parseFeeCell(t);
        if (parts) expect(parseFeeCell(formatFeeCell(parts))).toEqual(parts);
      }),
      { numRuns: 500 },
    );
  });

  it('reads back every fee of the sample content from the exported CSV (read by Python csv)', () => {
    const { model } = checkContentAt(join(import.meta.dirname, '..', 'content'));
    const records = pythonCsvRecords(powersToCsv(model!, model!.powers));
    const [header, ...rows] = records;
    const feeColumn = header!.indexOf('收费情况');
    const codeColumn = header!.indexOf('事项编码');
    const withFee = model!.powers.filter((p) => p.fee);
    expect(withFee.some((p) => p.fee!.charged)).toBe(true);
    for (const p of withFee) {
      const row = rows.find((r) => r[codeColumn] === p.code)!;
      expect(parseFeeCell(row[feeColumn]!), p.code).toEqual(p.fee);
    }
  });
});
