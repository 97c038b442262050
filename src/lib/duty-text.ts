/**
 * One 责任事项 item as the list's 责任事项（岗位职责） column prints it:
 * 「受理责任（受理岗）：…」, 「审查责任（政策法规科·法制审核岗）：…」 when another unit owns the
 * stage, 「…（未明确岗位）：…」 when no post is named. The import reads it back with parseDuties
 * (src/import/parse-cells.ts), which also reads the other forms published lists use;
 * test/duty-text.test.ts holds the two to each other.
 */
export interface DutyParts {
  stage: string;
  post?: string;
  /** The unit that owns the stage, when it is not the power's own unit. */
  unitName?: string;
  duty: string;
}

export const NO_POST = '未明确岗位';

export function formatDuty(d: DutyParts): string {
  const unit = d.unitName ? `${d.unitName}·` : '';
  return `${d.stage}责任（${unit}${d.post ?? NO_POST}）：${d.duty}`;
}

/** The numbered line of the cell: 「1. 受理责任（受理岗）：…」. */
export function formatDutyLine(number: number, text: string): string {
  return `${number}. ${text}`;
}
