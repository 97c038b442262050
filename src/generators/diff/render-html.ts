import type { FieldChange } from './compare.ts';
import type { ContentDiff, EntityDiff } from './content-diff.ts';

const KIND = { added: '新增', removed: '删除', modified: '修改', renamed: '移动' } as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One field change as table cells, insertions in <ins> and deletions in <del>. */
export function changeCells(c: FieldChange): string {
  const before = !c.before ? '—' : c.pieces ? c.pieces.filter((p) => p.op !== 'added').map((p) => (p.op === 'removed' ? `<del>${escapeHtml(p.text)}</del>` : escapeHtml(p.text))).join('') : escapeHtml(c.before);
  const after = !c.after ? '—' : c.pieces ? c.pieces.filter((p) => p.op !== 'removed').map((p) => (p.op === 'added' ? `<ins>${escapeHtml(p.text)}</ins>` : escapeHtml(p.text))).join('') : escapeHtml(c.after);
  return `<th scope="row">${escapeHtml(c.field)}</th><td>${before}</td><td>${after}</td>`;
}

export function changesTable(changes: FieldChange[]): string {
  if (!changes.length) return '';
  return `<table><thead><tr><th scope="col">字段</th><th scope="col">修改前</th><th scope="col">修改后</th></tr></thead><tbody>${changes.map((c) => `<tr>${changeCells(c)}</tr>`).join('')}</tbody></table>`;
}

/** A self-contained HTML report (no outside resources). */
export function diffToHtml(diff: ContentDiff): string {
  const block = (title: string, list: EntityDiff[]) =>
    list.length
      ? `<h2>${title}</h2>${list
          .map(
            (d) =>
              `<section><h3>${KIND[d.kind]}：${escapeHtml(d.name)}（${escapeHtml(d.id)}）</h3>${d.kind === 'renamed' ? `<p>文件：${escapeHtml(d.fromFile ?? '')} → ${escapeHtml(d.toFile ?? '')}</p>` : ''}${d.changeNote ? `<p>变更说明：${escapeHtml(d.changeNote)}</p>` : ''}${changesTable(d.changes)}</section>`,
          )
          .join('')}`
      : '';
  const empty = diff.powers.length + diff.departments.length + diff.laws.length === 0 ? '<p>没有内容变化。</p>' : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>权责清单变更 ${escapeHtml(diff.from)} → ${escapeHtml(diff.to)}</title><style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:1100px;margin:auto;padding:16px}table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}ins{background:#d4f8d4;text-decoration:none}del{background:#fdd}</style></head><body><h1>权责清单变更：${escapeHtml(diff.from)} → ${escapeHtml(diff.to)}</h1>${empty}${block('职权事项', diff.powers)}${block('部门', diff.departments)}${block('法律法规', diff.laws)}</body></html>\n`;
}
