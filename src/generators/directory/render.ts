import { escapeHtml } from '../diff/render-html.ts';
import type { DepartmentVersusDirectory } from './compare-upper.ts';
import type { PeerComparison, PeerPower } from './compare-peer.ts';

/** Plain text for the terminal: counts first, then each list, one line an item. */
export function upperToText(reports: DepartmentVersusDirectory[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.department.name}（${r.department.level}）对照《${r.directory.title}》（${r.directory.issuer}，${r.directory.published}）`);
    lines.push(`  对应 ${r.counts.matched} 项（其中有差异 ${r.counts.differing} 项），目录有而清单没有 ${r.counts.missing} 项，清单有而目录没有 ${r.counts.additional} 项`);
    for (const m of r.missing) lines.push(`  缺少：${m.code} ${m.name}（${m.category}；目录行使层级：${m.levels.join('、')}）`);
    for (const a of r.additional) {
      const hint = a.suggestion ? `；是否对应目录事项 ${a.suggestion.code}「${a.suggestion.name}」？` : '';
      lines.push(`  ${a.severity === 'error' ? '超出目录（错误）' : '目录外'}：${a.power.code} ${a.power.name}（${a.power.category}）——${a.explanation}${hint}`);
    }
    for (const m of r.matched.filter((x) => x.differences.length)) {
      lines.push(`  差异：${m.power.code} ${m.power.name} ↔ 目录 ${m.item.code}（按${m.by}对应）`);
      for (const d of m.differences) lines.push(`    ${d.field}：${d.explanation}`);
    }
    for (const m of r.matched.filter((x) => x.by === '名称相同')) lines.push(`  提示：${m.power.code} ${m.power.name} 按名称对应目录 ${m.item.code}，请填写 directory_code: ${m.item.code}`);
    lines.push('');
  }
  if (!reports.length) lines.push('没有指定上级目录的部门：在部门文件中用 directory 指定 content/directory/ 中的目录。', '');
  return lines.join('\n');
}

export function upperToMarkdown(reports: DepartmentVersusDirectory[]): string {
  const md = escapeMarkdown;
  const out: string[] = ['# 与上级目录对照', ''];
  for (const r of reports) {
    out.push(`## ${md(r.department.name)}（${md(r.department.level)}）`, '', `对照《${md(r.directory.title)}》（${md(r.directory.issuer)}，${md(r.directory.published)}）`, '');
    out.push('| 对应 | 有差异 | 目录有而清单没有 | 清单有而目录没有 |', '| --- | --- | --- | --- |', `| ${r.counts.matched} | ${r.counts.differing} | ${r.counts.missing} | ${r.counts.additional} |`, '');
    if (r.missing.length) out.push('### 目录有而清单没有', '', ...r.missing.map((m) => `- ${md(m.code)} ${md(m.name)}（${md(m.category)}）`), '');
    if (r.additional.length) out.push('### 清单有而目录没有', '', ...r.additional.map((a) => `- ${a.severity === 'error' ? '**错误**：' : ''}${md(a.power.code)} ${md(a.power.name)}（${md(a.power.category)}）：${md(a.explanation)}`), '');
    const differing = r.matched.filter((m) => m.differences.length);
    if (differing.length) {
      out.push('### 有差异的事项', '', '| 事项 | 目录事项 | 项目 | 说明 |', '| --- | --- | --- | --- |');
      for (const m of differing) for (const d of m.differences) out.push(`| ${md(m.power.code)} ${md(m.power.name)} | ${md(m.item.code)} | ${md(d.field)} | ${md(d.explanation)} |`);
      out.push('');
    }
  }
  return out.join('\n');
}

const label = (p: PeerPower) => `${p.code} ${p.name}（${p.department}，${p.category}）`;

export function peerToText(c: PeerComparison): string {
  const lines = [
    `比较「${c.a.label}」（${c.a.powers} 项）与「${c.b.label}」（${c.b.powers} 项）`,
    `  对应 ${c.matched.length} 项（其中有差异 ${c.matched.filter((m) => m.differences.length).length} 项），只在前者 ${c.onlyA.length} 项，只在后者 ${c.onlyB.length} 项`,
  ];
  for (const m of c.matched.filter((x) => x.differences.length)) {
    lines.push(`  差异：${label(m.a)} ↔ ${label(m.b)}（按${m.by}${m.score !== undefined ? `，相似度 ${m.score}` : ''}对应）`);
    for (const d of m.differences) lines.push(`    ${d.field}：${d.explanation}`);
  }
  for (const p of c.onlyA) lines.push(`  只在「${c.a.label}」：${label(p)}`);
  for (const p of c.onlyB) lines.push(`  只在「${c.b.label}」：${label(p)}`);
  return lines.join('\n') + '\n';
}

export function peerToMarkdown(c: PeerComparison): string {
  const md = escapeMarkdown;
  const out = [`# 比较：${md(c.a.label)} 与 ${md(c.b.label)}`, '', '| 对应 | 有差异 | 只在前者 | 只在后者 |', '| --- | --- | --- | --- |'];
  out.push(`| ${c.matched.length} | ${c.matched.filter((m) => m.differences.length).length} | ${c.onlyA.length} | ${c.onlyB.length} |`, '');
  const differing = c.matched.filter((m) => m.differences.length);
  if (differing.length) {
    out.push('## 有差异的事项', '', `| ${md(c.a.label)} | ${md(c.b.label)} | 项目 | 说明 |`, '| --- | --- | --- | --- |');
    for (const m of differing) for (const d of m.differences) out.push(`| ${md(label(m.a))} | ${md(label(m.b))} | ${md(d.field)} | ${md(d.explanation)} |`);
    out.push('');
  }
  if (c.onlyA.length) out.push(`## 只在${md(c.a.label)}`, '', ...c.onlyA.map((p) => `- ${md(label(p))}`), '');
  if (c.onlyB.length) out.push(`## 只在${md(c.b.label)}`, '', ...c.onlyB.map((p) => `- ${md(label(p))}`), '');
  return out.join('\n');
}

const PAGE_STYLE = 'body{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:1100px;margin:auto;padding:16px;color:#111}table{border-collapse:collapse;width:100%}th,td{border:1px solid #555;padding:4px 8px;text-align:left;vertical-align:top}';

/** A standalone HTML report (every user string escaped), for saving or attaching to a review. */
export function upperToHtml(reports: DepartmentVersusDirectory[]): string {
  const h = escapeHtml;
  const sections = reports.map((r) => {
    const rows = r.matched
      .filter((m) => m.differences.length)
      .flatMap((m) => m.differences.map((d) => `<tr><td>${h(m.power.code)} ${h(m.power.name)}</td><td>${h(m.item.code)}</td><td>${h(d.field)}</td><td>${h(d.explanation)}</td></tr>`))
      .join('');
    return `<section><h2>${h(r.department.name)}（${h(r.department.level)}）</h2><p>对照《${h(r.directory.title)}》（${h(r.directory.issuer)}，${h(r.directory.published)}）：对应 ${r.counts.matched} 项，有差异 ${r.counts.differing} 项，目录有而清单没有 ${r.counts.missing} 项，清单有而目录没有 ${r.counts.additional} 项。</p>`
      + (r.missing.length ? `<h3>目录有而清单没有</h3><ul>${r.missing.map((m) => `<li>${h(m.code)} ${h(m.name)}（${h(m.category)}）</li>`).join('')}</ul>` : '')
      + (r.additional.length ? `<h3>清单有而目录没有</h3><ul>${r.additional.map((a) => `<li>${a.severity === 'error' ? '<strong>错误：</strong>' : ''}${h(a.power.code)} ${h(a.power.name)}（${h(a.power.category)}）：${h(a.explanation)}</li>`).join('')}</ul>` : '')
      + (rows ? `<h3>有差异的事项</h3><table><thead><tr><th>事项</th><th>目录事项</th><th>项目</th><th>说明</th></tr></thead><tbody>${rows}</tbody></table>` : '')
      + '</section>';
  });
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>与上级目录对照</title><style>${PAGE_STYLE}</style></head><body><h1>与上级目录对照</h1>${sections.join('')}</body></html>\n`;
}

export function peerToHtml(c: PeerComparison): string {
  const h = escapeHtml;
  const rows = c.matched
    .filter((m) => m.differences.length)
    .flatMap((m) => m.differences.map((d) => `<tr><td>${h(label(m.a))}</td><td>${h(label(m.b))}</td><td>${h(d.field)}</td><td>${h(d.explanation)}</td></tr>`))
    .join('');
  const only = (title: string, list: PeerPower[]) => (list.length ? `<h2>${h(title)}</h2><ul>${list.map((p) => `<li>${h(label(p))}</li>`).join('')}</ul>` : '');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>清单比较</title><style>${PAGE_STYLE}</style></head><body><h1>比较：${h(c.a.label)} 与 ${h(c.b.label)}</h1><p>对应 ${c.matched.length} 项，只在前者 ${c.onlyA.length} 项，只在后者 ${c.onlyB.length} 项。</p>${rows ? `<h2>有差异的事项</h2><table><thead><tr><th>${h(c.a.label)}</th><th>${h(c.b.label)}</th><th>项目</th><th>说明</th></tr></thead><tbody>${rows}</tbody></table>` : ''}${only(`只在${c.a.label}`, c.onlyA)}${only(`只在${c.b.label}`, c.onlyB)}</body></html>\n`;
}

// Markdown escaping as in the diff report (kept here until the diff renderer exports it).
function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_{}[\]()#!|<>~&$]/g, '\\$&')
    .replace(/:(?=\/\/)/g, ':&#8203;')
    .replace(/\b(www)\./gi, '$1&#8203;.')
    .replace(/@/g, '@&#8203;');
}
