import fc from 'fast-check';
import stringWidth from 'fast-string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/lib/display-width.ts';

/** The workbooks' text widths: the quick count must be the library's own (fast-string-width is the oracle). */
describe('display width', () => {
  it('counts every character of the quick path as the library does', () => {
    const differing: string[] = [];
    for (const [from, to] of [[0x20, 0x7e], [0xb7, 0xb7], [0x2014, 0x2026], [0x3000, 0x303f], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xff01, 0xff60], [0xffe0, 0xffe6]] as const) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCodePoint(c);
        if (displayWidth(ch) !== stringWidth(ch)) differing.push(c.toString(16));
      }
    }
    expect(differing).toEqual([]);
  });

  it('counts mixtures as the library does, with characters the quick path leaves to it', () => {
    const alphabet = [...'食品经营许可证第九十七条，。、：；（）《》「」“”—…·　ＡＢ１２abcXYZ 019-/%', '\t', '\n', '\u302a', '\u303f', 'é', '😀', '👍🏽', '\u0301', '\u200b', 'ｱ', '한', '𠀀', '\x07'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const line = chars.join('');
        expect(displayWidth(line)).toBe(stringWidth(line));
      }),
      { numRuns: 3000 },
    );
  });
});
