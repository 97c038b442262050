import type { ArticleFate, LawsReport, StaleCitation } from './laws-check.ts';

/** How the text names the fields to update: the file's keys for editors, plain words for the public. */
const FIELD_WORDS = {
  editor: { version: 'version', article: 'article', quote: 'quote', sep: ' ' },
  public: { version: '引用的版本日期', article: '条款', quote: '引文', sep: '' },
} as const;

/** A one-line account of what became of a cited article, in Chinese. */
export function fateText(c: StaleCitation, audience: keyof typeof FIELD_WORDS = 'editor'): string {
  const w = FIELD_WORDS[audience];
  if (c.reason === 'repealed-law') return `《${c.law.short}》已${c.law.repealed ? `于 ${c.law.repealed} ` : ''}废止：须改用现行依据或取消该事项`;
  const fate: ArticleFate | undefined = c.fate;
  if (!fate || fate.status === 'unknown') return `请对照新版本核对条文后更新${w.sep}${w.version}${fate?.status === 'unknown' ? `（${fate.reason}）` : ''}`;
  switch (fate.status) {
    case 'unchanged':
      return `条文未变，条号未变：只需把${w.sep}${w.version}${w.sep}更新为新版本日期`;
    case 'changed':
      return '条文内容有修改：须核对引文和责任事项';
    case 'moved':
      return `条号已变为${fate.to}${fate.changed ? '，内容也有修改' : '，内容未变'}：须更新${w.sep}${w.article}${fate.changed ? `、${w.quote}` : ''}${w.sep}和${w.sep}${w.version}`;
    case 'deleted':
      return '新版本已删除该条：须改用其他依据或调整事项';
  }
}

export function lawsReportText(report: LawsReport): string {
  if (report.citations.length === 0) return '所有引用均为法律法规的最新版本，没有待调整事项。\n';
  const lines: string[] = [`待调整事项：${report.citations.length} 处引用了旧版本或已废止的法律法规。`, ''];
  for (const group of report.byDepartment) {
    lines.push(`${group.department.name}（${group.citations.length} 处）`);
    for (const c of group.citations) {
      lines.push(`  ${c.file}: ${c.name}${c.code ? `（${c.code}）` : ''}`);
      lines.push(`    ${c.place}《${c.law.short}》${c.article}：引用 ${c.cited} 版本${c.versionSource === 'pinned' ? '' : '（未写明版本，按所核对的版本）'}，最新为 ${c.latest.date}（${c.latest.kind}）`);
      lines.push(`    ${fateText(c)}`);
      if (c.fate && (c.fate.status === 'changed' || (c.fate.status === 'moved' && c.fate.changed))) {
        lines.push(`    原文：${c.fate.before}`, `    新文：${c.fate.after}`);
      }
    }
    lines.push('');
  }
  for (const n of report.newArticles) {
    if (n.articles.length) lines.push(`《${n.short}》${n.to} 版本新增条文（相对 ${n.from}）：${n.articles.join('、')}`);
  }
  return lines.join('\n').replace(/\n*$/, '\n');
}
