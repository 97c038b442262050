import type { CodeCharset, CodeScheme } from '../schema/directory.ts';

const CHARSET_TEST: Record<CodeCharset, (c: string) => boolean> = {
  数字: (c) => c >= '0' && c <= '9',
  大写字母: (c) => c >= 'A' && c <= 'Z',
  字母数字: (c) => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'),
};

/**
 * Checks a code against a fixed-width code scheme: a main item's code is made of the segments
 * not marked `child`; a sub-item's code is its parent's code followed by the child segments.
 * Returns undefined when the code fits, otherwise a Chinese explanation naming the first segment
 * that does not.
 */
export function codeSchemeProblem(scheme: CodeScheme, code: string, isChild: boolean): string | undefined {
  const segments = scheme.segments.filter((s) => isChild || !s.child);
  const expected = describeCode(scheme, isChild);
  let rest = code;
  for (const [i, segment] of segments.entries()) {
    if (i > 0 && scheme.separator) {
      if (!rest.startsWith(scheme.separator)) return `编码「${code}」在「${segment.name}」前缺少分隔符「${scheme.separator}」；应为 ${expected}`;
      rest = rest.slice(scheme.separator.length);
    }
    const part = rest.slice(0, segment.length);
    if (part.length < segment.length || ![...part].every(CHARSET_TEST[segment.charset])) {
      return `编码「${code}」的「${segment.name}」应为 ${segment.length} 位${segment.charset}；应为 ${expected}`;
    }
    rest = rest.slice(segment.length);
  }
  if (rest) return `编码「${code}」比规则多出「${rest}」；应为 ${expected}`;
  return undefined;
}

/** The main-item code a sub-item's code must start with (its non-child segments). */
export function parentCodeOf(scheme: CodeScheme, code: string): string {
  let length = 0;
  for (const [i, segment] of scheme.segments.entries()) {
    if (segment.child) break;
    length += segment.length + (i > 0 ? scheme.separator.length : 0);
  }
  return code.slice(0, length);
}

/** A human description of the expected form, e.g. 「事项类型（2 位大写字母）+ 主项序号（5 位数字）」. */
export function describeCode(scheme: CodeScheme, isChild: boolean): string {
  return scheme.segments
    .filter((s) => isChild || !s.child)
    .map((s) => `${s.name}（${s.length} 位${s.charset}）`)
    .join(scheme.separator ? ` + 「${scheme.separator}」 + ` : ' + ');
}
