import type { FieldChange } from './compare.ts';
import type { ContentDiff, EntityDiff } from './content-diff.ts';

const KIND = { added: '新增', removed: '删除', modified: '修改', renamed: '移动' } as const;

/** Markdown for a pull-request comment, in Chinese, readable without knowing the file format. */
export function diffToMarkdown(diff: ContentDiff): string {
  const lines: string[] = [`## 权责清单变更：${diff.from} → ${diff.to}`, ''];
  const count = (list: EntityDiff[], kind: EntityDiff['kind']) => list.filter((d) => d.kind === kind).length;
  if (diff.powers.length + diff.departments.length + diff.laws.length === 0) {
    lines.push('没有内容变化。');
    return lines.join('\n') + '\n';
  }
  lines.push(
    `事项：新增 ${count(diff.powers, 'added')} 项，删除 ${count(diff.powers, 'removed')} 项，修改 ${count(diff.powers, 'modified')} 项，移动 ${count(diff.powers, 'renamed')} 项；部门变化 ${diff.departments.length} 个；法律法规变化 ${diff.laws.length} 部。`,
    '',
  );
  section(lines, '职权事项', diff.powers, (d) => `${d.name}（${d.id}）`);
  section(lines, '部门', diff.departments, (d) => `${d.name}（${d.id}）`);
  section(lines, '法律法规', diff.laws, (d) => `${d.name}（${d.id}）`);
  return lines.join('\n') + '\n';
}

function section(lines: string[], title: string, list: EntityDiff[], name: (d: EntityDiff) => string) {
  if (!list.length) return;
  lines.push(`### ${title}`, '');
  for (const d of list) {
    lines.push(`#### ${KIND[d.kind]}：${name(d)}`, '');
    if (d.kind === 'renamed') lines.push(`文件：\`${d.fromFile}\` → \`${d.toFile}\``, '');
    if (d.changeNote) lines.push(`> 变更说明：${d.changeNote}`, '');
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

/** Table-cell safe: no pipes or line breaks, no HTML. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/\n+/g, ' ');
}
