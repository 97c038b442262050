import stringWidth from 'fast-string-width';

/**
 * Characters whose width fast-string-width gives as one (printable ASCII, ·, the dashes, quotes
 * and ellipsis Chinese text uses) or two (CJK ideographs and punctuation, full-width forms),
 * whatever stands beside them.
 */
const PLAIN = /^[\x20-\x7E\u00B7\u2014-\u2026\u3000-\u3029\u302E-\u303E\u3400-\u4DBF\u4E00-\u9FFF\uFF01-\uFF60\uFFE0-\uFFE6]*$/;

/**
 * The columns a line of text takes (a CJK character two, a Latin one), as fast-string-width
 * counts them. That library reads every string through a chain of regular expressions, and the
 * workbooks measure every cell of every row: at 10,000 powers about 8 s of the downloads' thread.
 * Lines of only the characters above (nearly all of a list's text) are counted directly;
 * test/display-width.test.ts holds the count to the library's, character by character and on
 * random mixtures.
 */
export function displayWidth(line: string): number {
  if (!PLAIN.test(line)) return stringWidth(line);
  let width = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    width += c <= 0x7e || c === 0xb7 || (c >= 0x2014 && c <= 0x2026) ? 1 : 2;
  }
  return width;
}
