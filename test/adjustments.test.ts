import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_FIXTURE, checkFixture } from './helpers/content.ts';

/**
 * Adjustment records (调整文件) are content like everything else: schema errors and their
 * relation to the list come back as Chinese findings with file, line, field and rule.
 */
const ADJ = 'content/adjustments/test-dept-2024-01.yaml';
const XK = 'content/powers/test-dept/410100-CS-XK-001.md';
const record = (items: string, head = '') => `id: test-dept-2024-01
department: test-dept
document: 测政〔2024〕3号
approved: 2024-04-01
reason: 落实上位法修改，精简审批事项
${head}items:
${items}`;

describe('adjustment records', () => {
  it('accepts a record whose powers agree with the list, and keeps it in the model', () => {
    const result = checkFixture({ [ADJ]: record('  - kind: 变更\n    powers: 410100-CS-XK-001\n    reason: 压缩受理期限\n  - kind: 取消\n    powers: [410100-CS-XX-009]\n    reason: 上位法已取消\n') });
    expect(result.lines).toEqual([]);
    expect(result.model!.adjustments.map((a) => [a.id, a.document, a.items.map((i) => `${i.kind}:${i.powers.join(',')}`)])).toEqual([
      ['test-dept-2024-01', '测政〔2024〕3号', ['变更:410100-CS-XK-001', '取消:410100-CS-XX-009']],
    ]);
  });

  it('names an unknown kind, a missing 文号 and a wrong date', () => {
    const result = checkFixture({ [ADJ]: record('  - kind: 撤销\n    powers: 410100-CS-XK-001\n').replace('document: 测政〔2024〕3号\n', '').replace('2024-04-01', '2024/4/1') });
    expect(result.lines).toEqual([
      'content/adjustments/test-dept-2024-01.yaml:1:1: error: document: 文号（document）：缺少必填字段 (required)',
      'content/adjustments/test-dept-2024-01.yaml:3:11: error: approved: 批准日期（approved）：日期应写作 YYYY-MM-DD，例如 2021-01-22 (format)',
      'content/adjustments/test-dept-2024-01.yaml:6:11: error: items.0.kind: 调整类型（kind）：调整类型应为 新增、取消、变更、下放、承接、合并、拆分 之一，实际为「撤销」 (enum)',
    ]);
  });

  it('refuses a withdrawn power still in force, an unknown successor, a merge without successor and a power named twice', () => {
    const result = checkFixture({
      [ADJ]: record(
        '  - kind: 取消\n    powers: 410100-CS-XK-001\n  - kind: 合并\n    powers: [410100-CS-XX-008]\n  - kind: 下放\n    powers: [410100-CS-XX-007, 410100-CS-XX-008]\n    successor: 410100-CS-XX-100\n  - kind: 新增\n    powers: 410100-CS-XX-200\n',
      ),
    });
    expect(result.lines).toEqual([
      'content/adjustments/test-dept-2024-01.yaml:8:13: error: items.0.powers: 调整记录称事项「测试许可证核发」（410100-CS-XK-001）已取消，但清单中该事项仍为「有效」：请删去事项文件，或把 status 改为 已取消 (withdrawn-still-listed)',
      'content/adjustments/test-dept-2024-01.yaml:9:5: error: items.1: 合并须用 successor 写明合并后行使职权的事项编码 (missing-successor)',
      'content/adjustments/test-dept-2024-01.yaml:12:32: error: items.2.powers.1: 事项「410100-CS-XX-008」在本调整记录中已列于第 2 项调整，不能重复列出 (duplicate-power)',
      'content/adjustments/test-dept-2024-01.yaml:13:16: error: items.2.successor: 承接事项「410100-CS-XX-100」不在清单中：successor 应为现行清单中的事项编码 (unknown-successor)',
      'content/adjustments/test-dept-2024-01.yaml:15:13: error: items.3.powers: 调整记录列出的事项「410100-CS-XX-200」不在清单中：新增的事项须有事项文件 content/powers/<部门>/410100-CS-XX-200.md (unknown-power)',
    ]);
    expect(result.model!.adjustments).toEqual([]);
  });

  it('accepts a cancellation when the power stays in the files as 已取消', () => {
    const cancelled = readFileSync(join(BASE_FIXTURE, XK), 'utf8').replace('status: 有效', 'status: 已取消');
    const result = checkFixture({ [ADJ]: record('  - kind: 取消\n    powers: 410100-CS-XK-001\n    reason: 上位法已取消\n'), [XK]: cancelled });
    expect(result.lines.filter((l) => l.includes('adjustments'))).toEqual([]);
    expect(result.model!.adjustments).toHaveLength(1);
  });

  it('checks the id against the file name and the department', () => {
    const result = checkFixture({ [ADJ]: record('  - kind: 变更\n    powers: 410100-CS-XK-001\n').replace('department: test-dept', 'department: no-such').replace('id: test-dept-2024-01', 'id: other') });
    expect(result.lines).toEqual([
      'content/adjustments/test-dept-2024-01.yaml:1:5: error: id: 调整记录标识「other」应与文件名「test-dept-2024-01」一致 (id-filename)',
      'content/adjustments/test-dept-2024-01.yaml:2:13: error: department: 部门「no-such」不存在：应为 content/departments/ 中某个文件的 id (unknown-department)',
    ]);
  });
});
