import type { FieldChange } from './compare.ts';
import type { ContentDiff, EntityDiff } from './content-diff.ts';

const KIND = { added: '新增', removed: '删除', modified: '修改', renamed: '移动' } as const;

/** Markdown for a pull-request comment, in Chinese, readable without knowing the file format. */
export function diffToMarkdown(diff: ContentDiff): string {
  const lines: string[] = [`## 权责清单变更：${escapeMarkdown(diff.from)} → ${escapeMarkdown(diff.to)}`, ''];
  const count = (list: EntityDiff[], kind: EntityDiff['kind']) => list.filter((d) => d.kind === kind).length;
  if (diff.powers.length + diff.departments.length + diff.laws.length === 0) {
    lines.push('没有内容变化。');
    return lines.join('\n') + '\n';
  }
  lines.push(
    `事项：新增 ${count(diff.powers, 'added')} 项，删除 ${count(diff.powers, 'removed')} 项，修改 ${count(diff.powers, 'modified')} 项，移动 ${count(diff.powers, 'renamed')} 项；部门变化 ${diff.departments.length} 个；法律法规变化 ${diff.laws.length} 部。`,
    '',
  );
  const name = (d: EntityDiff) => `${escapeMarkdown(d.name)}（${escapeMarkdown(d.id)}）`;
  section(lines, '职权事项', diff.powers, name);
  section(lines, '部门', diff.departments, name);
  section(lines, '法律法规', diff.laws, name);
  return lines.join('\n') + '\n';
}

function section(lines: string[], title: string, list: EntityDiff[], name: (d: EntityDiff) => string) {
  if (!list.length) return;
  lines.push(`### ${title}`, '');
  for (const d of list) {
    lines.push(`#### ${KIND[d.kind]}：${name(d)}`, '');
    if (d.kind === 'renamed') lines.push(`文件：${codeSpan(d.fromFile ?? '')} → ${codeSpan(d.toFile ?? '')}`, '');
    if (d.changeNote) lines.push(`> 变更说明：${escapeMarkdown(d.changeNote)}`, '');
    if (d.changes.length) {
      lines.push('| 字段 | 修改前 | 修改后 |', '| --- | --- | --- |');
      for (const c of d.changes) lines.push(`| ${cell(c.field)} | ${beforeCell(c)} | ${afterCell(c)} |`);
      lines.push('');
    }
  }
}

function beforeCell(c: FieldChange): string {
  if (!c.before) return '—';
  if (!c.pieces) return cell(c.before);
  return c.pieces.filter((p) => p.op !== 'added').map((p) => (p.op === 'removed' ? `~~${cell(p.text)}~~` : cell(p.text))).join('');
}

function afterCell(c: FieldChange): string {
  if (!c.after) return '—';
  if (!c.pieces) return cell(c.after);
  return c.pieces.filter((p) => p.op !== 'removed').map((p) => (p.op === 'added' ? `**${cell(p.text)}**` : cell(p.text))).join('');
}

function cell(text: string): string {
  return escapeMarkdown(text);
}

/**
 * A user string as literal text in the middle of one line of GitHub Markdown (a heading after its
 * prefix, a quote, a table cell): line breaks become spaces; every character that could open
 * markup there (emphasis, code, links, images, HTML, entities, math, table pipes, a closing #)
 * is backslash-escaped. Bare links and mentions are recognised after escapes are resolved, so a
 * zero-width space goes after each @ and inside each `://` and `www.`: no one is @mentioned and
 * no link is made by content.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_{}[\]()#!|<>~&$]/g, '\\$&')
    .replace(/:(?=\/\/)/g, ':&#8203;')
    .replace(/\b(www)\./gi, '$1&#8203;.')
    .replace(/@/g, '@&#8203;');
}

/** A file path as inline code, or as escaped text when it holds a backtick or a line break. */
function codeSpan(text: string): string {
  return /[`\r\n]/.test(text) ? escapeMarkdown(text) : `\`${text}\``;
}
