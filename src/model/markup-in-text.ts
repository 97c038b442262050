import { reporter, type FieldPath, type Finding } from './findings.ts';
import { CONTROL_CHARACTERS } from './mdx-safety.ts';
import type { YamlSource } from './source-file.ts';

const TAG = /<\s*\/?\s*[a-zA-Z][\w-]*[^<>]*>|<!--|<\s*\/?\s*(script|style|iframe)/i;

/**
 * Front-matter fields are plain text shown in tables, flowcharts and exports. Markup in them is
 * never intended (it would be printed literally, or worse), so an HTML tag in any text field is
 * an error, and so is a control character (NUL, BEL …). Other characters — quotes, brackets, arrows — are fine: every output escapes them.
 */
export function markupInText(source: YamlSource): Finding[] {
  const findings: Finding[] = [];
  const report = reporter(source, findings);
  const walk = (value: unknown, path: FieldPath) => {
    if (typeof value === 'string') {
      if (TAG.test(value)) {
        report(path, 'markup-in-text', `文字中含有 HTML 标签「${TAG.exec(value)![0].slice(0, 30)}」：字段内容按纯文字发布，请删去标签`);
      }
      const control = value.search(CONTROL_CHARACTERS);
      if (control !== -1) {
        report(path, 'control-character', `文字中含有控制字符 U+${value.charCodeAt(control).toString(16).toUpperCase().padStart(4, '0')}：请删除（多来自复制粘贴）`);
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(source.data, []);
  return findings;
}
