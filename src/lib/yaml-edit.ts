import { isMap, isScalar, parseDocument } from 'yaml';
import type { FieldPath } from '../model/findings.ts';

/**
 * Small, in-place edits to a YAML text (or a Markdown file's front-matter): only the characters
 * of the values that change are touched, so a reviewer's diff shows exactly the settled lines and
 * the rest of the file — comments, quoting, line breaks — stays as the author wrote it.
 */
export type YamlEdit =
  /** Replace the scalar at path (which must exist). */
  | { kind: 'set'; path: FieldPath; value: string }
  /** Add key: value to the mapping at path, or replace it if present. */
  | { kind: 'put'; path: FieldPath; key: string; value: string };

export class YamlEditError extends Error {}

/** A plain scalar where YAML allows it, else a double-quoted (JSON) string. */
function scalarText(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N}\-（）()、，。；：]*$/u.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) ? value : JSON.stringify(value);
}

export function editYamlText(text: string, edits: YamlEdit[]): string {
  const isMarkdown = text.startsWith('---\n');
  const start = isMarkdown ? 4 : 0;
  const end = isMarkdown ? text.indexOf('\n---', 3) + 1 : text.length;
  if (isMarkdown && end === 0) throw new YamlEditError('找不到 YAML 头部的结束标记 ---');
  const yamlText = text.slice(start, end);
  const doc = parseDocument(yamlText);
  const splices: { at: number; remove: number; insert: string }[] = [];
  for (const edit of edits) {
    if (edit.kind === 'set') {
      const node = doc.getIn(edit.path, true);
      if (!isScalar(node) || !node.range) throw new YamlEditError(`找不到字段 ${edit.path.join('.')}`);
      splices.push({ at: node.range[0], remove: node.range[1] - node.range[0], insert: scalarText(edit.value) });
      continue;
    }
    const map = edit.path.length ? doc.getIn(edit.path, true) : doc.contents;
    if (!isMap(map) || !map.range) throw new YamlEditError(`找不到字段 ${edit.path.join('.')}`);
    const existing = map.get(edit.key, true);
    if (isScalar(existing) && existing.range) {
      splices.push({ at: existing.range[0], remove: existing.range[1] - existing.range[0], insert: scalarText(edit.value) });
      continue;
    }
    const last = map.items.at(-1);
    const lastValue = last?.value as { range?: [number, number, number] } | undefined;
    if (edit.path.length === 0) {
      // A new top-level key goes at the end of the document.
      const at = yamlText.length;
      splices.push({ at, remove: 0, insert: `${yamlText.endsWith('\n') ? '' : '\n'}${edit.key}: ${scalarText(edit.value)}\n` });
    } else if (map.flow) {
      const close = yamlText.lastIndexOf('}', map.range[1]);
      let at = close;
      while (at > 0 && /\s/.test(yamlText[at - 1]!)) at--;
      splices.push({ at, remove: 0, insert: `, ${edit.key}: ${scalarText(edit.value)}` });
    } else {
      const firstKey = map.items[0]?.key as { range?: [number, number, number] } | undefined;
      if (!firstKey?.range || !lastValue?.range) throw new YamlEditError(`无法在字段 ${edit.path.join('.') || '（顶层）'} 中添加 ${edit.key}`);
      const lineStart = yamlText.lastIndexOf('\n', firstKey.range[0] - 1) + 1;
      const indent = yamlText.slice(lineStart, firstKey.range[0]).replace(/[^ ]/g, ' ');
      const valueEnd = yamlText.indexOf('\n', lastValue.range[1] - 1);
      const at = valueEnd === -1 ? yamlText.length : valueEnd;
      splices.push({ at, remove: 0, insert: `\n${indent}${edit.key}: ${scalarText(edit.value)}` });
    }
  }
  let out = yamlText;
  for (const s of splices.sort((a, b) => b.at - a.at)) out = out.slice(0, s.at) + s.insert + out.slice(s.at + s.remove);
  return text.slice(0, start) + out + text.slice(end);
}
