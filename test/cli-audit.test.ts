import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_FIXTURE } from './helpers/content.ts';
import { fixtureRepo } from './helpers/git-repo.ts';

const BIN = resolve('bin/quanze.mjs');
const repo = fixtureRepo();
const quanze = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: repo.dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(() => {
  repo.commit('初始清单', '2024-01-10');
  repo.edit('content/powers/test-dept/410100-CS-XK-001.md', 'name: 测试许可证核发', 'name: 测试许可证核发（含延续）');
  repo.commit('调整事项名称', '2024-04-01');
});
afterAll(() => repo.remove());

describe('auditor commands', () => {
  it('laws import registers a new version and laws check --strict fails until citations follow', () => {
    const imported = quanze('laws', 'import', join(BASE_FIXTURE, '../statutes/csf-2024-06-01.md'), '--law', 'csf', '--version', '2024-06-01');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('已导入《csf》2024-06-01 版本：6 条');
    expect(repo.read('content/laws/csf.yaml')).toContain('  - date: 2024-06-01\n    kind: 修正\n    articles: 6\n');

    const check = quanze('laws', 'check', '--strict');
    expect(check.code).toBe(1);
    // Every kind of citation is listed: the two 实施依据 and the 裁量基准's two articles, which name no version.
    expect(check.stdout).toBe(`待调整事项：4 处引用了旧版本或已废止的法律法规。

测试市应急管理局（4 处）
  content/powers/test-dept/410100-CS-XK-001.md: 测试许可证核发（含延续）（410100-CS-XK-001）
    实施依据2《测试条例》第三条第二款第二项：引用 2020-01-01 版本，最新为 2024-06-01（修正）
    条号已变为第四条第二款第二项，内容也有修改：须更新 article、quote 和 version
    原文：市应急管理部门应当自受理申请之日起二十日内作出决定；有下列情形之一的，不予许可：（二）经营场所不符合安全条件的。
    新文：市应急管理部门应当自受理申请之日起十五日内作出决定；有下列情形之一的，不予许可：（二）经营场所不符合安全条件的。
  content/powers/test-dept/410100-CS-CF-001.md: 对测试违法行为的行政处罚（410100-CS-CF-001）
    实施依据2《测试条例》第四条：引用 2020-01-01 版本，最新为 2024-06-01（修正）
    条号已变为第五条，内容也有修改：须更新 article、quote 和 version
    原文：违反本条例第三条规定，未经许可从事危险物品经营的，责令停止经营，处一万元以上五万元以下的罚款。
    新文：违反本条例第四条规定，未经许可从事危险物品经营的，责令停止经营，处二万元以上十万元以下的罚款。
  content/powers/test-dept/410100-CS-CF-001.md: 对测试违法行为的行政处罚（410100-CS-CF-001）
    裁量基准「未经许可从事危险物品经营」违反条款《测试条例》第三条第一款：引用 2020-01-01 版本（未写明版本，按所核对的版本），最新为 2024-06-01（修正）
    条号已变为第四条第一款，内容未变：须更新 article 和 version
  content/powers/test-dept/410100-CS-CF-001.md: 对测试违法行为的行政处罚（410100-CS-CF-001）
    裁量基准「未经许可从事危险物品经营」处罚依据《测试条例》第四条：引用 2020-01-01 版本（未写明版本，按所核对的版本），最新为 2024-06-01（修正）
    条号已变为第五条，内容也有修改：须更新 article、quote 和 version
    原文：违反本条例第三条规定，未经许可从事危险物品经营的，责令停止经营，处一万元以上五万元以下的罚款。
    新文：违反本条例第四条规定，未经许可从事危险物品经营的，责令停止经营，处二万元以上十万元以下的罚款。

《测试条例》2024-06-01 版本新增条文（相对 2020-01-01）：第三条
`);
    expect(quanze('laws', 'check').code).toBe(0);

    const auditResult = quanze('audit');
    expect(auditResult.code).toBe(1);
    expect(auditResult.stdout).toContain('测试市应急管理局：6 / 9 分');
    expect(auditResult.stdout).toContain('✗ 建立行政执法权责清单动态调整机制：根据法律、法规、规章的立改废情况及时调整（2 分，扣 2 分）');
    repo.git(['checkout', '--', '.']);
    repo.git(['clean', '-fdq']);
  });

  it('exports the lists as they stood on a date', () => {
    const then = JSON.parse(quanze('export', '--as-of', '2024-02-01').stdout);
    const now = JSON.parse(quanze('export').stdout);
    expect(then.asOf.date).toBe('2024-01-10');
    expect(then.departments[0].powers[0].name).toBe('测试许可证核发');
    expect(now.departments[0].powers[0].name).toBe('测试许可证核发（含延续）');
    expect(now.totals).toEqual({ departments: 1, powers: 2, byCategory: { 行政许可: 1, 行政处罚: 1, 行政强制: 0, 行政确认: 0, 行政给付: 0, 行政征收: 0, 行政裁决: 0, 行政检查: 0, 行政奖励: 0, 其他行政权力: 0 } });
    const early = quanze('export', '--as-of', '2023-01-01');
    expect(early.code).toBe(2);
    expect(early.stderr).toBe('quanze export：2023-01-01 之前没有任何提交\n');
  });

  it('diff prints a Markdown report between two dates', () => {
    const r = quanze('diff', '2024-01-31', '2024-04-30');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| 职权名称 | 测试许可证核发 | 测试许可证核发（含延续） |');
  });
});
