import type { ContentSnapshot } from '../../model/snapshot.ts';
import type { ContentDiff, EntityDiff } from './content-diff.ts';

/**
 * Every changed power needs words for the public: a new change_note in its file, or an adjustment
 * record (调整文件) added or edited in the same change that names it. A removed power can only
 * be explained by an adjustment record. Returns the powers that have neither.
 */
export function powersWithoutChangeNote(diff: ContentDiff, before: ContentSnapshot, after: ContentSnapshot): EntityDiff[] {
  const decided = new Set<string>();
  for (const [id, adjustment] of after.adjustments) {
    if (JSON.stringify(before.adjustments.get(id)) === JSON.stringify(adjustment)) continue;
    for (const item of adjustment.items) for (const code of item.powers) decided.add(code);
  }
  return diff.powers.filter((d) => !d.changeNote && !decided.has(d.id));
}

export function changeNoteMessage(d: EntityDiff): string {
  const file = d.toFile ?? d.fromFile ?? '';
  const what = { added: '新增', modified: '修改', renamed: '移动', removed: '删除' }[d.kind];
  const fix = d.kind === 'removed' ? '请在 content/adjustments/ 中登记调整记录（文号、批准日期、调整类型、理由）' : '请在事项文件中填写新的 change_note（写给公众的变更说明），或登记调整记录';
  return `${file}: ${what}了事项「${d.name}」（${d.id}），但没有变更说明：${fix}`;
}
