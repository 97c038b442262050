import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDepartmentList } from '../src/generators/list-table.ts';
import { buildPostSystem } from '../src/generators/post-system.ts';
import { buildPowerFlowchart } from '../src/generators/flowchart/index.ts';
import { BASE_FIXTURE, checkFixture } from './helpers/content.ts';

const GOLDEN = join(BASE_FIXTURE, '../golden');

/**
 * Compares with a reviewed golden file, as a vitest file snapshot: `vitest -u` rewrites it (then
 * review the diff), and a missing golden fails under CI instead of being written.
 */
async function matchGolden(name: string, actual: string) {
  await expect(actual).toMatchFileSnapshot(join(GOLDEN, name));
}

const fixture = checkFixture();
const model = fixture.model!;
const department = model.departments[0]!;

describe('权责清单 table model', () => {
  const list = buildDepartmentList(model, department);

  it('matches the reviewed golden model', async () => {
    await matchGolden('list-table.json', JSON.stringify(list, null, 2) + '\n');
  });

  it('follows the official layout: headings, columns, numbered duties closed by 其他, footer', () => {
    expect(list.sections.map((s) => s.heading)).toEqual(['（一）行政许可类（共 1 项）', '（二）行政处罚类（共 1 项）']);
    expect(list.sections[0]!.columns.map((c) => c.label)).toEqual(['职权类别', '职权名称', '实施依据', '责任事项（岗位职责）', '办理期限', '收费情况', '违法责任']);
    expect(list.sections[1]!.columns.map((c) => c.label)).not.toContain('收费情况');
    const permit = list.sections[0]!.powers[0]!;
    expect(permit.duties.map((d) => d.text)).toEqual([
      '1. 受理责任（受理岗）：接收申请材料；材料不齐全的，当场或者在五日内一次告知需要补正的全部内容。',
      '2. 审查责任（审查岗）：审查申请材料，需要核查的指派两名以上工作人员核查。',
      '3. 决定责任（决定岗）：自受理之日起二十日内作出决定。',
      '4. 送达责任（送达岗）：十日内颁发、送达许可证件。',
      '5. 事后监管责任（事后监管岗）：监督检查持证单位。',
      '6. 法律、法规、规章规定的其他应履行的责任事项。',
    ]);
    expect(permit.rowSpan).toBe(6);
    expect(permit.duties.map((d) => d.limit)).toEqual(['5个工作日', '', '20个工作日', '10个工作日', '', '']);
    expect(permit.basis[0]).toBe('1. 《行政许可法》第四十二条第一款：“除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。”');
    expect(permit.basis[1]).toBe('2. 《测试条例》第三条第二款第二项：“……有下列情形之一的，不予许可：……（二）经营场所不符合安全条件的。”');
    expect(permit.liability).toHaveLength(2);
    expect(list.footer.text).toBe('服务机构：测试市政务服务中心　服务电话：0371-00000000　服务地点：测试市示例路 1 号　投诉机构：测试市应急管理局政策法规处　投诉电话：0371-00000001');
  });
});

describe('岗责体系', () => {
  it('breaks powers down to unit → post → duties and flags gaps', async () => {
    const system = buildPostSystem(model, department);
    await matchGolden('post-system.json', JSON.stringify(system, null, 2) + '\n');
    expect(system.counts).toEqual({ units: 3, posts: 12, duties: 13, powers: 2 });
    const review = system.units.find((u) => u.id === 'fgc')!.posts[0]!;
    expect(review.duties.map((d) => `${d.code} ${d.stage}`)).toEqual(['410100-CS-CF-001 审查']);
    expect(system.gaps.map((g) => g.message)).toEqual([]);
  });

  it('reports stages without a post and posts without duties', () => {
    const withGap = checkFixture({
      'content/powers/test-dept/410100-CS-XK-001.md': readFileSync(join(BASE_FIXTURE, 'content/powers/test-dept/410100-CS-XK-001.md'), 'utf8').replace('    post: 事后监管岗\n', ''),
    });
    const system = buildPostSystem(withGap.model!, withGap.model!.departments[0]!);
    expect(system.gaps.map((g) => g.message)).toEqual([
      '测试许可证核发（410100-CS-XK-001）的「事后监管」环节没有落实到岗位',
      '行政许可处的「事后监管岗」没有承担任何事项环节',
    ]);
  });
});

describe('flowcharts', () => {
  // Reviewed file snapshots: a missing one fails under CI (vitest does not write snapshots there).
  it('matches the reviewed golden Mermaid source', async () => {
    for (const power of model.powers) await expect(buildPowerFlowchart(model, power).mermaid).toMatchFileSnapshot(join(GOLDEN, `${power.code}.mmd`));
  });

  it('groups nodes by stage with the post; a stage limit that restates the statute keeps the statute\'s node and article', () => {
    const permit = buildPowerFlowchart(model, model.powers[0]!);
    expect(permit.graph.groups.map((g) => g.title)).toEqual(['受理（受理岗）', '审查（审查岗）', '决定（决定岗）', '送达（送达岗）', '事后监管（事后监管岗）']);
    const node = (id: string) => permit.graph.nodes.find((n) => n.id === id)!;
    // 受理 5个工作日 citing 许可法 §32 is §32①④'s 补正 notice: shown there, not a second time on 受理.
    expect(node('accept').limit).toBeUndefined();
    expect(node('supplement').limit).toBe('五个工作日内');
    expect(node('supplement').limitSources).toEqual(['《行政许可法》第三十二条第一款第四项']);
    expect(node('no_need').limit).toBe('即时');
    const penalty = buildPowerFlowchart(model, model.powers[1]!);
    expect(penalty.graph.groups.find((g) => g.stage === '审查')!.title).toBe('审查（政策法规处·法制审核岗）');
  });

  it('has a text equivalent that starts at the start node and lists every node once', () => {
    const chart = buildPowerFlowchart(model, model.powers[0]!);
    expect(chart.steps).toHaveLength(chart.graph.nodes.length);
    expect(chart.steps[0]!.text).toBe('申请人提出申请');
    expect(new Set(chart.steps.map((s) => s.number)).size).toBe(chart.steps.length);
  });
});
