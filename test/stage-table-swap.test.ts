import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_FIXTURE, checkFixture } from './helpers/content.ts';

/**
 * A province replaces content/stages.yaml (other stages, an extra category such as 非行政许可审批,
 * its own code pattern): validation follows the data, with no code change.
 */
const stages = readFileSync(join(BASE_FIXTURE, 'content/stages.yaml'), 'utf8');
const xk = readFileSync(join(BASE_FIXTURE, 'content/powers/test-dept/410100-CS-XK-001.md'), 'utf8');

const provincial = stages
  .replace('flow: xzxk\n    stages: [受理, 审查, 决定, 送达, 事后监管]\n', 'flow: generic\n    stages: [受理, 审查, { name: 现场核查, optional: true }, 决定, 送达]\n')
  .replace(/^code_pattern: .*$/m, () => "code_pattern: '^{category_code}{region}\\d{4}$'")
  // The new category goes at the end of the categories list (day_counting follows it in the file).
  .replace(
    '\n# day_counting',
    () => `
  - name: 非行政许可审批
    code: FX
    basis: ""
    day_type: 工作日
    fee: false
    flow: generic
    stages: [受理, 审批, 办结]

# day_counting`,
  );

describe('a swapped stage table drives validation', () => {
  it('rejects the national stage list where the province has others', () => {
    const result = checkFixture({ 'content/stages.yaml': provincial });
    expect(result.lines).toContain(
      'content/powers/test-dept/410100-CS-XK-001.md:2:7: error: code: 事项编码「410100-CS-XK-001」不符合格式 ^XK410100\\d{4}$（行政许可的类别代码为 XK，例如 410100-XX-XK-001） (code-format)',
    );
    expect(result.lines.some((l) => l.includes('「事后监管」不是行政许可的环节') && l.includes('受理、审查、现场核查（可选）、决定、送达'))).toBe(true);
  });

  it('accepts a power written to the provincial table, optional stage left out, and a new category', () => {
    const permit = xk
      .replace(/410100-CS-XK-001/g, 'XK4101000001')
      .replace(/  - stage: 事后监管\n    post: 事后监管岗\n    duty: 监督检查持证单位。\n/, '');
    const approval = `---
code: FX4101000001
name: 测试非行政许可审批
category: 非行政许可审批
unit: xkc
level: 市级
target: [法人]
basis:
  - { law: xzxkf, article: 第四十四条, version: 2019-04-23, quote: 行政机关作出准予行政许可的决定 }
stages:
  - { stage: 受理, post: 受理岗, duty: 接收材料。 }
  - { stage: 审批, post: 审查岗, duty: 审查并提出意见。 }
  - { stage: 办结, post: 决定岗, duty: 作出决定。 }
---
`;
    const result = checkFixture({
      'content/stages.yaml': provincial,
      'content/powers/test-dept/410100-CS-XK-001.md': null,
      'content/powers/test-dept/410100-CS-CF-001.md': null,
      'content/powers/test-dept/XK4101000001.md': permit,
      'content/powers/test-dept/FX4101000001.md': approval,
    });
    expect(result.lines).toEqual([]);
    expect(result.model!.powers.map((p) => `${p.category.name}:${p.stages.map((s) => s.stage).join('、')}`)).toEqual([
      '行政许可:受理、审查、决定、送达',
      '非行政许可审批:受理、审批、办结',
    ]);
  });
});
