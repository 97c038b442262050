/**
 * Text files (CSV) arrive in whatever encoding the department's office software wrote: UTF-8 with
 * or without a byte-order mark, GB18030/GBK (Excel and WPS on Chinese Windows), or UTF-16 ("Unicode
 * text"). The platform's TextDecoder in fatal mode tells a valid decoding from mojibake; anything
 * that decodes under none of them is refused rather than guessed.
 */
export type TextEncodingName = 'UTF-8' | 'UTF-8（带 BOM）' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

export class UndecodableError extends Error {}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: strict('utf-8', bytes.subarray(3)), encoding: 'UTF-8（带 BOM）' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: strict('utf-16le', bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: strict('utf-16be', bytes.subarray(2)), encoding: 'UTF-16BE' };
  const utf16 = utf16WithoutMark(bytes);
  if (utf16) return { text: strict(utf16 === 'UTF-16LE' ? 'utf-16le' : 'utf-16be', bytes), encoding: utf16 };
  const attempts: [string, TextEncodingName][] = [
    ['utf-8', 'UTF-8'],
    ['gb18030', 'GB18030'],
  ];
  for (const [label, encoding] of attempts) {
    try {
      const text = strict(label, bytes);
      // GB18030 maps almost every byte sequence; a NUL or a C0 control in the result means binary data.
      if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) continue;
      return { text, encoding };
    } catch {
      // try the next encoding
    }
  }
  throw new UndecodableError('文件既不是 UTF-8，也不是 GB18030/GBK 或 UTF-16 编码的文本，无法读取。请在 Excel/WPS 中另存为“CSV UTF-8”或 .xlsx 后再导入');
}

function strict(label: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UndecodableError(`文件声明或看起来是 ${label.toUpperCase()} 编码，但其中有无法按该编码解读的字节`);
  }
}

/** UTF-16 without a byte-order mark: CSV text is mostly ASCII punctuation, so one byte of each pair is zero. */
function utf16WithoutMark(bytes: Uint8Array): TextEncodingName | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  const pairs = Math.min(bytes.length, 4096) / 2;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  // Text in UTF-8 or GB18030 never holds a NUL byte; in UTF-16 every ASCII character brings one.
  if (oddZero > pairs * 0.05 && oddZero > evenZero * 4) return 'UTF-16LE';
  if (evenZero > pairs * 0.05 && evenZero > oddZero * 4) return 'UTF-16BE';
  return undefined;
}
