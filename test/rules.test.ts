import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_AREAS, RULE_IDS, RULES, ruleDocUrl, type RuleId } from '../src/model/rules.ts';
import { BAD_CASES } from './fixtures/bad-cases.ts';
import { COMPARE_CASES, compareCaseLines } from './fixtures/compare-cases.ts';
import { HISTORY_CASES, historyCaseLines } from './fixtures/history-cases.ts';
import { BASE_FIXTURE } from './helpers/content.ts';

/**
 * The rule registry against the corpus. The corpus's findings are the reviewed lines of
 * bad-cases.expected.json (test/validate-corpus.test.ts holds each case to them word for word),
 * and those of the history cases (findings read from git) and the directory comparison cases
 * (findings of quanze compare --upper), both run here.
 */
const expectedLines: Record<string, string[]> = JSON.parse(readFileSync(join(BASE_FIXTURE, '../bad-cases.expected.json'), 'utf8'));
const LINE = /^(?<file>[^:]+):\d+:\d+: (?<severity>error|warning): .* \((?<rule>[a-z0-9-]+)\)$/s;

interface Produced {
  kase: string;
  line: string;
  severity: string;
  rule: string;
}

function corpus(): Produced[] {
  const cases = [
    ...BAD_CASES.map((c) => ({ name: c.name, lines: expectedLines[c.name] ?? [] })),
    ...HISTORY_CASES.map((c) => ({ name: c.name, lines: c.expected })),
    ...COMPARE_CASES.map((c) => ({ name: c.name, lines: c.expected })),
  ];
  return cases.flatMap(({ name, lines }) =>
    lines.map((line) => {
      const m = LINE.exec(line);
      if (!m) throw new Error(`${name}: not a finding line: ${line}`);
      return { kase: name, line, severity: m.groups!.severity!, rule: m.groups!.rule! };
    }),
  );
}

describe('the rule registry', () => {
  const produced = corpus();

  it('has a corpus case producing every rule', () => {
    const seen = new Set(produced.map((p) => p.rule));
    expect(RULE_IDS.filter((id) => !seen.has(id)), 'rules without a corpus case').toEqual([]);
  });

  it('holds every rule the corpus produces, with the severity the finding has', () => {
    const unknown = produced.filter((p) => !(p.rule in RULES)).map((p) => `${p.kase}: ${p.rule}`);
    expect(unknown, 'rules missing from src/model/rules.ts').toEqual([]);
    const wrongSeverity = produced.filter((p) => RULES[p.rule as RuleId].severity !== p.severity).map((p) => p.line);
    expect(wrongSeverity).toEqual([]);
  });

  it('gives every rule a short Chinese title and an area of the rules page', () => {
    for (const id of RULE_IDS) {
      expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(RULES[id].title, id).toMatch(/^(?=.*\p{Script=Han}).{2,20}$/u);
      expect(RULE_AREAS).toContain(RULES[id].area);
    }
  });

  for (const c of HISTORY_CASES) {
    it(`history case: ${c.name}`, () => {
      expect(historyCaseLines(c)).toEqual(c.expected);
    });
  }

  for (const c of COMPARE_CASES) {
    it(`directory comparison case: ${c.name}`, () => {
      expect(compareCaseLines(c)).toEqual(c.expected);
    });
  }

  it('is listed on the rules page (docs/rules.md), each rule with its title and a corpus example', async () => {
    await expect(rulesPage(produced)).toMatchFileSnapshot('../docs/rules.md');
    for (const id of RULE_IDS) expect(ruleDocUrl(id)).toBe(`docs/rules.md#${id}`);
  });
});

/** The user docs' list of rules, generated from the registry and the corpus (Simplified Chinese). */
function rulesPage(produced: Produced[]): string {
  const out = [
    '# 校验规则一览',
    '',
    '`quanze validate` 的每条提示以规则名结尾，例如 `(unknown-law)`；与上级目录对照（`quanze compare --upper`）和构建时检查变更记录的提示也是如此。下面按类列出全部规则：级别（错误使校验不通过、网站不构建；警告不影响构建）、说明，以及测试样例中该规则的一条实际提示。',
    '',
    '本页由 `test/rules.test.ts` 根据规则表 `src/model/rules.ts` 和错误样例生成；增加规则后运行 `npx vitest run test/rules.test.ts -u` 更新本页。',
    '',
  ];
  for (const area of RULE_AREAS) {
    const ids = RULE_IDS.filter((id) => RULES[id].area === area);
    if (!ids.length) continue;
    out.push(`## ${area}`, '');
    for (const id of ids) {
      const rule = RULES[id];
      const example = produced.find((p) => p.rule === id);
      out.push(`### ${id}`, '', `**${rule.title}**（${rule.severity === 'error' ? '错误' : '警告'}）`, '');
      if (example) out.push('示例：', '', '```text', example.line, '```', '');
    }
  }
  return out.join('\n');
}
