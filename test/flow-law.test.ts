// @vitest-environment happy-dom
// happy-dom gives the official mermaid parser the DOM it expects; rendering itself is not used here.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { checkContentAt } from '../src/model/check.ts';
import { buildPowerFlowchart } from '../src/generators/flowchart/index.ts';
import { templateFlowchart } from '../src/generators/flowchart/template-chart.ts';
import type { FlowGraph } from '../src/generators/flowchart/graph.ts';
import { parseStatute, textAt, type Article } from '../src/lib/statute.ts';
import { parseChineseNumber } from '../src/lib/chinese-numerals.ts';
import { ENFORCERS, OBLIGATIONS } from '../src/schema/flow-template.ts';
import { BASE_FIXTURE, checkFixture } from './helpers/content.ts';
import { scaffoldPower } from '../src/generators/scaffold.ts';

/**
 * The flowcharts against the statute texts (test/fixtures/flow-statutes, copied from the official
 * texts): each step's article, each limit's article and amount, each day type.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const STATUTES = join(HERE, 'fixtures/flow-statutes');
const GOLDEN = join(HERE, 'fixtures/golden/flows');

const statutes = new Map<string, Map<string, Article>>();
for (const file of readdirSync(STATUTES).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
  statutes.set(file.replace(/-\d{4}-\d{2}-\d{2}\.md$/, ''), parseStatute(readFileSync(join(STATUTES, file), 'utf8')));
}

const sample = checkContentAt(resolve('content')).model!;
const lawIdByShort = new Map([...sample.laws.values()].map((l) => [l.short, l.id]));

/** The statute text a chart source 《行政许可法》第四十二条第一款 points at. */
function sourceText(source: string): string {
  const m = /^《(.+?)》(.+)$/.exec(source);
  expect(m, source).toBeTruthy();
  const id = lawIdByShort.get(m![1]!);
  const articles = id === undefined ? undefined : statutes.get(id);
  expect(articles, `statute fixture for ${m![1]}`).toBeDefined();
  const target = textAt(articles!, m![2]!);
  expect(target.ok, `${source}: ${target.ok ? '' : target.problem}`).toBe(true);
  return (target as { text: string }).text;
}

const law = (id: string, article: string) => {
  const target = textAt(statutes.get(id)!, article);
  if (!target.ok) throw new Error(`${id} ${article}: ${target.problem}`);
  return target.text;
};
const short = (id: string) => sample.laws.get(id)!.short;

const NUMBER = '[零〇一二两三四五六七八九十百\\d]+';
/** The periods a text sets: 二十日 → 20 日, 3个工作日 → 3 工作日, 二十四小时 → 24 小时, 三个月 → 3 月. */
function periods(text: string): { n: number; unit: string }[] {
  return [...text.matchAll(new RegExp(`(${NUMBER})\\s*(?:个)?(工作日|日|小时|月)`, 'g'))].map((m) => ({ n: parseChineseNumber(m[1]!)!, unit: m[2]! }));
}

/** How each procedural law counts its own days, read from the statute text itself. */
const workingDays = {
  // 许可法 §82: 本法规定的行政机关实施行政许可的期限以工作日计算
  xzxkf: (_n: number) => law('xzxkf', '第八十二条').includes('期限以工作日计算'),
  // 处罚法 §85: “二日”“三日”“五日”“七日”的规定是指工作日
  xzcff: (n: number) => periods(law('xzcff', '第八十五条')).some((p) => p.n === n),
  // 强制法 §69: 本法中十日以内期限的规定是指工作日
  xzqzf: (n: number) => n <= periods(law('xzqzf', '第六十九条'))[0]!.n,
} as Record<string, (n: number) => boolean>;

/** Every limit on a chart is set by (one of) the article(s) cited for it, in the day type the law gives it. */
function expectLimitsSetByTheirArticles(graph: FlowGraph, what: string) {
  for (const node of graph.nodes) {
    if (!node.limit) continue;
    const where = `${what} ${node.id}「${node.limit}」`;
    expect(node.limitSources?.length, `${where} cites the article that sets it`).toBeGreaterThan(0);
    for (const s of node.limitSources!) expect(node.sources, where).toContain(s);
    const texts = node.limitSources!.map(sourceText);
    if (/^(当场|即时)/.test(node.limit)) {
      expect(texts.some((t) => t.includes(node.limit!.slice(0, 2))), where).toBe(true);
      continue;
    }
    const shown = periods(node.limit);
    expect(shown.length, where).toBeGreaterThan(0);
    for (const p of shown) {
      const set = texts.flatMap(periods);
      const amountUnit = p.unit === '工作日' ? ['日', '工作日'] : [p.unit];
      expect(set.some((q) => q.n === p.n && amountUnit.includes(q.unit)), `${where}: ${node.limitSources!.join('、')} sets ${p.n}${p.unit}`).toBe(true);
      if (p.unit === '工作日' || p.unit === '日') {
        const lawId = lawIdByShort.get(/^《(.+?)》/.exec(node.limitSources![0]!)![1]!)!;
        const statedWorking = set.some((q) => q.n === p.n && q.unit === '工作日');
        const expected = statedWorking || (workingDays[lawId]?.(p.n) ?? false);
        expect(p.unit === '工作日', `${where}: day type per the statute`).toBe(expected);
      }
    }
  }
}

/** Whether `to` can be reached from `from` along the chart's edges. */
function reaches(graph: FlowGraph, from: string, to: string): boolean {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length) {
    const id = queue.shift()!;
    if (id === to) return true;
    for (const e of graph.edges) if (e.from === id && !seen.has(e.to)) (seen.add(e.to), queue.push(e.to));
  }
  return false;
}

type Step = [node: string, law: string, article: string, phrase: string];

/** Asserts the steps come in this order along the chart, each citing its article, whose text says what the step does. */
function expectStatutorySteps(graph: FlowGraph, steps: Step[]) {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  steps.forEach(([id, lawId, article, phrase], i) => {
    const node = byId.get(id);
    expect(node, `step ${id}`).toBeDefined();
    expect(node!.sources, `${id} cites ${lawId} ${article}`).toContain(`《${short(lawId)}》${article}`);
    expect(law(lawId, article), `${short(lawId)}${article} says「${phrase}」`).toContain(phrase);
    if (i > 0) expect(reaches(graph, steps[i - 1]![0], id), `${steps[i - 1]![0]} → ${id}`).toBe(true);
  });
}

const flow = (id: string) => sample.flows.get(id)!;
const variant = (id: string, facts?: { by?: string; obligation?: string }) => templateFlowchart(sample, flow(id), facts);

describe('official flows: the ordered statutory steps and their articles', () => {
  it('行政许可 (许可法 §§32–47, §45 excluded time, §61)', () => {
    const { graph } = variant('xzxk');
    expectStatutorySteps(graph, [
      ['check', 'xzxkf', '第三十二条第一款', '分别作出处理'],
      ['supplement', 'xzxkf', '第三十二条第一款第四项', '一次告知申请人需要补正的全部内容'],
      ['accept', 'xzxkf', '第三十二条第二款', '加盖本行政机关专用印章和注明日期的书面凭证'],
      ['review', 'xzxkf', '第三十四条第一款', '对申请人提交的申请材料进行审查'],
      ['verify', 'xzxkf', '第三十四条第三款', '两名以上工作人员进行核查'],
      ['excluded', 'xzxkf', '第四十五条', '书面告知申请人'],
      ['third_party', 'xzxkf', '第三十六条', '听取申请人、利害关系人的意见'],
      ['hearing_right', 'xzxkf', '第四十七条第一款', '享有要求听证的权利'],
      ['hearing', 'xzxkf', '第四十八条第一款', '听证应当公开举行'],
      ['decide', 'xzxkf', '第三十七条', '在法定期限内按照规定程序作出行政许可决定'],
      ['grant', 'xzxkf', '第三十八条第一款', '作出准予行政许可的书面决定'],
      ['deliver', 'xzxkf', '第四十四条', '颁发、送达行政许可证件'],
      ['supervise', 'xzxkf', '第六十一条第一款', '履行监督责任'],
    ]);
    // §42: the general decision limit yields to special statutes; its extension is ten days.
    expect(law('xzxkf', '第四十二条第一款')).toContain('法律、法规另有规定的，依照其规定');
    expectLimitsSetByTheirArticles(graph, 'xzxk');
  });

  it('行政处罚一般程序 (处罚法 §§54–67, §58 法制审核, 听证, §48 公开 and withdrawal)', () => {
    const { graph } = variant('xzcf-ybcx');
    expectStatutorySteps(graph, [
      ['register', 'xzcff', '第五十四条第二款', '应当及时立案'],
      ['staff', 'xzcff', '第四十二条第一款', '不得少于两人'],
      ['collect', 'xzcff', '第五十五条第二款', '询问或者检查应当制作笔录'],
      ['legal', 'xzcff', '第五十八条第一款', '法制审核'],
      ['notify', 'xzcff', '第四十四条', '告知当事人拟作出的行政处罚内容及事实、理由、依据'],
      ['hearing_q', 'xzcff', '第六十三条第一款', '有要求听证的权利'],
      ['hearing', 'xzcff', '第六十四条', '听证应当依照以下程序组织'],
      ['decide', 'xzcff', '第五十七条第一款', '调查终结，行政机关负责人应当对调查结果进行审查'],
      ['penalize', 'xzcff', '第五十九条', '行政处罚决定书'],
      ['deliver', 'xzcff', '第六十一条第一款', '宣告后当场交付当事人'],
      ['publish', 'xzcff', '第四十八条第一款', '具有一定社会影响的行政处罚决定应当依法公开'],
      ['withdraw', 'xzcff', '第四十八条第二款', '在三日内撤回行政处罚决定信息'],
    ]);
    expect(reaches(graph, 'deliver', 'execute')).toBe(true);
    expect(graph.nodes.find((n) => n.id === 'execute')!.sources).toContain('《行政处罚法》第六十七条第三款');
    expect(graph.nodes.find((n) => n.id === 'enforce')!.sources).toContain('《行政处罚法》第七十二条第一款');
    expectLimitsSetByTheirArticles(graph, 'xzcf-ybcx');
  });

  it('行政处罚简易程序 (处罚法 §§51–52, §§68–71: on-the-spot collection, §69 remote areas, two 2-day hand-overs)', () => {
    const { graph } = variant('xzcf-jycx');
    expectStatutorySteps(graph, [
      ['fact_q', 'xzcff', '第五十一条', '违法事实确凿并有法定依据'],
      ['show_id', 'xzcff', '第五十二条第一款', '出示执法证件'],
      ['decide', 'xzcff', '第五十二条第一款', '填写预定格式、编有号码的行政处罚决定书'],
      ['deliver', 'xzcff', '第五十二条第一款', '当场交付当事人'],
      ['onspot', 'xzcff', '第六十九条', '边远、水上、交通不便地区'],
      ['handover', 'xzcff', '第七十一条', '交至行政机关'],
      ['deposit', 'xzcff', '第七十一条', '行政机关应当在二日内将罚款缴付指定的银行'],
      ['file', 'xzcff', '第五十二条第三款', '报所属行政机关备案'],
    ]);
    const toOnSpot = graph.edges.find((e) => e.from === 'pay_q' && e.to === 'onspot')!;
    expect(toOnSpot.sources).toEqual(expect.arrayContaining(['《行政处罚法》第六十八条第一项', '《行政处罚法》第六十九条']));
    expectLimitsSetByTheirArticles(graph, 'xzcf-jycx');
  });

  it('行政强制措施 (强制法 §§18–28: §24 on the spot, §25 30 days, extension, §25③ testing time)', () => {
    const { graph } = variant('xzqz-cs');
    expectStatutorySteps(graph, [
      ['approve', 'xzqzf', '第十八条第一项', '实施前须向行政机关负责人报告并经批准'],
      ['staff', 'xzqzf', '第十八条第二项', '由两名以上行政执法人员实施'],
      ['inform', 'xzqzf', '第十八条第五项', '当场告知当事人采取行政强制措施的理由、依据'],
      ['record', 'xzqzf', '第十八条第七项', '制作现场笔录'],
      ['seize', 'xzqzf', '第二十四条第一款', '制作并当场交付查封、扣押决定书和清单'],
      ['period', 'xzqzf', '第二十五条第一款', '查封、扣押的期限不得超过三十日'],
      ['testing', 'xzqzf', '第二十五条第三款', '书面告知当事人'],
      ['check', 'xzqzf', '第二十七条', '及时查清事实，在本法第二十五条规定的期限内作出处理决定'],
      ['release', 'xzqzf', '第二十八条第一款', '作出解除查封、扣押决定'],
    ]);
    const node = (id: string) => graph.nodes.find((n) => n.id === id)!;
    // §24 hands over the decision on the spot; the 30 days are the seizure period of §25, never on §24's step.
    expect(node('seize').limit).toBe('当场');
    expect(node('period').limitSources).toEqual(['《行政强制法》第二十五条第一款']);
    expectLimitsSetByTheirArticles(graph, 'xzqz-cs');
  });

  it('行政强制执行 by the agency itself (强制法 §§35–38, §43, §§39, 40, 42)', () => {
    const { graph } = variant('xzqz-zx', { by: '本机关', obligation: '作为义务' });
    expectStatutorySteps(graph, [
      ['urge', 'xzqzf', '第三十五条', '催告应当以书面形式作出'],
      ['statement', 'xzqzf', '第三十六条', '有权进行陈述和申辩'],
      ['fulfil_q', 'xzqzf', '第三十七条第一款', '经催告，当事人逾期仍不履行行政决定，且无正当理由的'],
      ['decide', 'xzqzf', '第三十七条第一款', '作出强制执行决定'],
      ['deliver', 'xzqzf', '第三十八条', '催告书、行政强制执行决定书应当直接送达当事人'],
      ['execute', 'xzqzf', '第四十三条第一款', '不得在夜间或者法定节假日实施行政强制执行'],
      ['supervise', 'xzqzf', '第三十四条', '行政机关依法作出行政决定后'],
    ].filter(([id]) => id !== 'supervise') as Step[]);
    for (const [id, article, phrase] of [
      ['suspend', '第三十九条第一款', '中止执行'],
      ['terminate', '第四十条', '终结执行'],
      ['agreement', '第四十二条第一款', '达成执行协议'],
    ] as const) {
      expect(reaches(graph, 'execute', id), id).toBe(true);
      expect(graph.nodes.find((n) => n.id === id)!.sources).toContain(`《行政强制法》${article}`);
      expect(law('xzqzf', article)).toContain(phrase);
    }
    expect(graph.nodes.some((n) => n.id === 'apply_court')).toBe(false);
    expectLimitsSetByTheirArticles(graph, 'xzqz-zx self');
  });

  it('强制拆除 (强制法 §44): 公告 with a deadline, waiting out review and lawsuit, before 催告', () => {
    const { graph } = variant('xzqz-zx', { by: '本机关', obligation: '拆除违法建筑物' });
    expectStatutorySteps(graph, [
      ['demolish_notice', 'xzqzf', '第四十四条', '应当由行政机关予以公告，限期当事人自行拆除'],
      ['demolish_wait', 'xzqzf', '第四十四条', '当事人在法定期限内不申请行政复议或者提起行政诉讼，又不拆除的'],
      ['urge', 'xzqzf', '第三十五条', '催告应当以书面形式作出'],
      ['decide', 'xzqzf', '第三十七条第一款', '作出强制执行决定'],
      ['execute', 'xzqzf', '第四十三条第一款', '不得在夜间或者法定节假日实施行政强制执行'],
    ]);
    expect(graph.edges.some((e) => e.from === 'start' && e.to === 'urge')).toBe(false);
  });

  it('金钱给付义务 (强制法 §§45–46) by the agency and through the court', () => {
    for (const by of ENFORCERS) {
      const { graph } = variant('xzqz-zx', { by, obligation: '金钱给付' });
      expectStatutorySteps(graph, [
        ['surcharge_notice', 'xzqzf', '第四十五条第一款', '加处罚款或者滞纳金的标准应当告知当事人'],
        ['surcharge', 'xzqzf', '第四十五条第二款', '不得超出金钱给付义务的数额'],
        [by === '本机关' ? 'urge' : 'urge_court', 'xzqzf', by === '本机关' ? '第三十五条' : '第五十四条', '催告'],
      ]);
      const toUrge = graph.edges.find((e) => e.from === 'surcharge')!;
      expect(toUrge.sources).toContain('《行政强制法》第四十六条第一款');
      expect(law('xzqzf', '第四十六条第一款')).toContain('超过三十日，经催告当事人仍不履行的');
    }
  });

  it('application to the court (强制法 §§53–55): the 3-month deadline on that path only', () => {
    const { graph } = variant('xzqz-zx', { by: '人民法院', obligation: '作为义务' });
    expectStatutorySteps(graph, [
      ['urge_court', 'xzqzf', '第五十四条', '应当催告当事人履行义务'],
      ['court_decide', 'xzqzf', '第五十五条', '强制执行申请书应当由行政机关负责人签名'],
      ['apply_court', 'xzqzf', '第五十三条', '自期限届满之日起三个月内'],
    ]);
    const self = variant('xzqz-zx', { by: '本机关', obligation: '作为义务' }).graph;
    expect(graph.nodes.filter((n) => n.limit).map((n) => `${n.id} ${n.limit}`)).toEqual(['apply_court 三个月内']);
    expect(self.nodes.filter((n) => /个月/.test(n.limit ?? ''))).toEqual([]);
    // No path of the agency's own enforcement (§§35–38, §43) is open to an agency without the power.
    for (const id of ['urge', 'decide', 'deliver', 'execute']) expect(graph.nodes.some((n) => n.id === id), id).toBe(false);
    expectLimitsSetByTheirArticles(graph, 'xzqz-zx court');
  });
});

describe('day types follow the statute (许可法 §82, 处罚法 §85, 强制法 §69)', () => {
  it('every template limit is in the day type its law gives it, and stages.yaml encodes the same rules', () => {
    let checked = 0;
    for (const template of sample.flows.values()) {
      for (const node of template.nodes) {
        if (!node.limit) continue;
        for (const p of periods(node.limit.text).filter((q) => q.unit === '工作日' || q.unit === '日')) {
          const lawId = node.limit.basis[0]!.law;
          expect(p.unit === '工作日', `${template.id} ${node.id}「${node.limit.text}」`).toBe(workingDays[lawId]?.(p.n) ?? false);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    for (const [lawId, isWorking] of Object.entries(workingDays)) {
      const rule = sample.stageTable.dayCounting.find((r) => r.law === lawId)!;
      for (const n of [1, 2, 3, 5, 7, 10, 15, 20, 30, 90]) {
        const data = rule.working_days === 'all' || rule.working_days?.includes(n) || (rule.working_days_up_to !== undefined && n <= rule.working_days_up_to);
        expect(Boolean(data), `${lawId} ${n}日`).toBe(isWorking(n));
      }
    }
  });
});

/** Every variant a template's facts allow: the whole template, and each (by, obligation) pair it branches on. */
function variants() {
  const out: { name: string; id: string; facts?: { by: string; obligation: string } }[] = [];
  for (const template of sample.flows.values()) {
    if (template.layout === 'linear') continue;
    out.push({ name: template.id, id: template.id });
    if ([...template.nodes, ...template.edges].some((x) => x.when)) {
      // ASCII file names: by = self | court, obligation = money | act | demolition.
      const ascii: Record<string, string> = { 本机关: 'self', 人民法院: 'court', 金钱给付: 'money', 作为义务: 'act', 拆除违法建筑物: 'demolition' };
      for (const by of ENFORCERS) for (const obligation of OBLIGATIONS) out.push({ name: `${template.id}-${ascii[by]}-${ascii[obligation]}`, id: template.id, facts: { by, obligation } });
    }
  }
  return out;
}

describe('a golden model per template variant', () => {
  for (const v of variants()) {
    it(`${v.name}: reviewed Mermaid source, accepted by the official parser, every step reachable`, async () => {
      const chart = templateFlowchart(sample, flow(v.id), v.facts);
      await expect(chart.mermaid).toMatchFileSnapshot(join(GOLDEN, `${v.name}.mmd`));
      await expect(mermaid.parse(chart.mermaid)).resolves.toBeTruthy();
      const start = chart.graph.nodes.find((n) => n.kind === 'start')!;
      for (const node of chart.graph.nodes) expect(reaches(chart.graph, start.id, node.id), `${v.name} ${node.id}`).toBe(true);
    });
  }
});

describe('every sample power: the limit that binds, with the article that sets it', () => {
  const charts = sample.powers.map((power) => ({ power, chart: buildPowerFlowchart(sample, power) }));

  it('each limit on each chart is set by the article cited for it, in the statute day type', () => {
    for (const { power, chart } of charts) expectLimitsSetByTheirArticles(chart.graph, power.code);
  });

  it('each stage limit appears on its stage with the stage\'s own amount and article (or the statute\'s own wording of it)', () => {
    let checked = 0;
    for (const { power, chart } of charts) {
      for (const stage of power.stages.filter((s) => s.limit && !s.isOther)) {
        const group = chart.graph.groups.find((g) => g.stage === stage.stage)!;
        const shown = chart.graph.nodes.filter((n) => group.nodeIds.includes(n.id) && n.limit);
        const match = shown.find((n) => periods(n.limit!).some((p) => p.n === stage.limit!.amount) || (stage.limit!.unit === '当场' && n.limit === '当场'));
        expect(match, `${power.code} ${stage.stage} ${stage.limit!.text}`).toBeDefined();
        if (stage.basis) {
          const cited = `《${stage.basis.law.short}》${stage.basis.article}`;
          expect(match!.limitSources!.some((s) => s.startsWith(cited) || cited.startsWith(s)), `${power.code} ${stage.stage}: ${cited} vs ${match!.limitSources}`).toBe(true);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('no chart shows a general limit that yields (「另有规定」) next to a special statute\'s limit: 0 charts with two limits for one step', () => {
    const procedural = new Set(Object.keys(workingDays));
    let special = 0;
    for (const { power, chart } of charts) {
      const hasSpecial = power.stages.some((s) => s.limit && s.basis && !procedural.has(s.basis.law.id));
      if (!hasSpecial) continue;
      special++;
      for (const node of chart.graph.nodes.filter((n) => n.limit)) {
        for (const s of node.limitSources!) {
          const text = sourceText(s);
          const isGeneral = /另有规定/.test(text) && procedural.has(lawIdByShort.get(/^《(.+?)》/.exec(s)![1]!)!);
          expect(isGeneral, `${power.code} ${node.id}「${node.limit}」${s}`).toBe(false);
        }
      }
    }
    expect(special).toBeGreaterThanOrEqual(6);
  });

  const chartOf = (code: string) => charts.find((c) => c.power.code === code)!.chart;

  it('410100-YJ-XK-002: 30日 of 烟花爆竹安全管理条例 §19, no 许可法 §42 20 working days or 10-day extension', () => {
    const { graph } = chartOf('410100-YJ-XK-002');
    const limits = graph.nodes.filter((n) => n.limit).map((n) => `${n.limit} ${n.limitSources!.join('、')}`);
    expect(limits).toContain('30日 《烟花爆竹安全管理条例》第十九条第一款');
    expect(limits.filter((l) => l.includes('第四十二条'))).toEqual([]);
    expect(graph.nodes.some((n) => n.id === 'extend')).toBe(false);
    expect(law('yhbz-aqgltl', '第十九条第一款')).toContain('自受理申请之日起30日内');
  });

  it('410100-SJ-QR-001: 3 working days extendable by 3 (市场主体登记管理条例 §19), no 许可 step', () => {
    const { graph, mermaid: source } = chartOf('410100-SJ-QR-001');
    const decide = graph.nodes.find((n) => n.limit)!;
    expect(decide.limit).toBe('3个工作日，经批准可延长3个工作日');
    expect(decide.limitSources).toEqual(['《市场主体登记管理条例》第十九条第一款']);
    expect(law('sczt-djtl', '第十九条第一款')).toContain('可以再延长3个工作日');
    expect(graph.nodes.filter((n) => n.limit)).toHaveLength(1);
    expect(source).not.toContain('许可');
  });

  it('410100-SJ-QZ-001: 30 days and up to 45 (食品安全法实施条例 §61), not 强制法 §25\'s 30 + 30', () => {
    const { graph } = chartOf('410100-SJ-QZ-001');
    const node = (id: string) => graph.nodes.find((n) => n.id === id)!;
    expect([node('period').limit, node('period').limitSources]).toEqual(['30日', ['《食品安全法实施条例》第六十一条']]);
    expect([node('extend').limit, node('extend').limitSources]).toEqual(['45日', ['《食品安全法实施条例》第六十一条']]);
    expect(node('seize').limit).toBe('当场');
  });

  it('410100-CG-QZ-001 (强制拆除) has the §44 公告 step before 催告', () => {
    const { graph } = chartOf('410100-CG-QZ-001');
    const notice = graph.nodes.find((n) => n.label.includes('公告') && n.sources.includes('《行政强制法》第四十四条'));
    expect(notice).toBeDefined();
    expect(reaches(graph, notice!.id, 'urge')).toBe(true);
    expect(reaches(graph, 'urge', notice!.id)).toBe(false);
  });

  it('410100-ZR-QZ-002 (no enforcement power) has no self-enforcement path, only the court with §53\'s 3 months', () => {
    const { graph } = chartOf('410100-ZR-QZ-002');
    const selfArticles = ['第三十五条', '第三十六条', '第三十七条', '第三十八条', '第四十三条', '第四十四条'].map((a) => `《行政强制法》${a}`);
    for (const node of graph.nodes) for (const s of node.sources) expect(selfArticles.some((a) => s.startsWith(a)), `${node.id} ${s}`).toBe(false);
    expect(graph.nodes.some((n) => n.label.includes('强制执行决定'))).toBe(false);
    const court = graph.nodes.find((n) => n.id === 'apply_court')!;
    expect([court.limit, court.limitSources]).toEqual(['三个月内', ['《行政强制法》第五十三条']]);
  });

  it('no 行政确认 or 行政检查 chart contains 「许可」', () => {
    const checked = charts.filter(({ power }) => ['行政确认', '行政检查'].includes(power.category.name));
    expect(checked.length).toBeGreaterThanOrEqual(8);
    for (const { power, chart } of checked) expect(chart.mermaid, power.code).not.toContain('许可');
  });
});

describe('validation findings about templates and limits', () => {
  const xk = readFileSync(join(BASE_FIXTURE, 'content/powers/test-dept/410100-CS-XK-001.md'), 'utf8');
  const stages = readFileSync(join(BASE_FIXTURE, 'content/stages.yaml'), 'utf8');

  it('a stage limit contradicting the template without a citation for the special limit', () => {
    const result = checkFixture({
      'content/powers/test-dept/410100-CS-XK-001.md': xk.replace('    limit: { days: 20, type: 工作日 }\n    basis: { law: xzxkf, article: 第四十二条第一款 }\n', '    limit: 30日\n'),
    });
    expect(result.lines).toContain(
      'content/powers/test-dept/410100-CS-XK-001.md:29:12: error: stages.2.limit: 环节「决定」的期限「30日」与流程图模板的法定期限「二十个工作日内」（《行政许可法》第四十二条第一款）不同，但没有引用设定特别期限的条款：请在该环节的 basis 中填写 (stage-limit-uncited)',
    );
    const cited = checkFixture({
      'content/powers/test-dept/410100-CS-XK-001.md': xk.replace('    limit: { days: 20, type: 工作日 }\n    basis: { law: xzxkf, article: 第四十二条第一款 }\n', '    limit: 30日\n    basis: { law: xzxkf, article: 第四十二条第一款 }\n'),
    });
    expect(cited.lines.filter((l) => l.includes('stage-limit'))).toEqual([
      'content/powers/test-dept/410100-CS-XK-001.md:29:12: error: stages.2.limit: 环节「决定」的期限「30个工作日」与所引《行政许可法》第四十二条第一款规定的「二十个工作日内」不符（承诺时限只能短于法定期限）：请改正期限，或引用设定该期限的条款 (stage-limit-contradicts-article)',
    ]);
  });

  it('a committed limit shorter than the statute it cites (承诺时限) is no contradiction; the chart keeps the statute\'s limit', () => {
    const result = checkFixture({ 'content/powers/test-dept/410100-CS-XK-001.md': xk.replace('    limit: 5个工作日\n', '    limit: 3个工作日\n') });
    expect(result.lines.filter((l) => l.includes('stage-limit'))).toEqual([]);
    const longer = checkFixture({ 'content/powers/test-dept/410100-CS-XK-001.md': xk.replace('    limit: 5个工作日\n', '    limit: 8个工作日\n') });
    expect(longer.lines.filter((l) => l.includes('stage-limit'))).toHaveLength(1);
  });

  it('a stage limit written in a day type its procedural law does not give it is flagged, and the chart follows the law', () => {
    const result = checkFixture({ 'content/powers/test-dept/410100-CS-XK-001.md': xk.replace('    limit: 5个工作日\n', '    limit: { days: 5, type: 自然日 }\n') });
    expect(result.lines.filter((l) => l.includes('stage-limit-day-type'))).toEqual([
      'content/powers/test-dept/410100-CS-XK-001.md:21:12: warning: stages.0.limit: 环节「受理」的期限写作5个自然日，但《行政许可法》第八十二条规定该期限是工作日：流程图按法律显示为5个工作日 (stage-limit-day-type)',
    ]);
  });

  const enforcement = (facts: string, decideBasis: string) =>
    `---
code: 410100-CS-QZ-001
name: 测试强制执行
category: 行政强制
procedure: 行政强制执行
unit: zfzd
level: 市级
target: [法人]
${facts}basis:
  - { law: xzqzf, article: 第五十三条, version: 2011-06-30, quote: 当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行行政决定的 }
stages:
  - { stage: 催告, post: 告知岗, duty: 催告。, basis: { law: xzqzf, article: 第五十四条 } }
  - { stage: 决定, post: 决定岗, duty: 决定。, basis: { law: xzqzf, article: ${decideBasis} } }
  - { stage: 执行, post: 执行岗, duty: 执行。 }
  - { stage: 事后监管, post: 执行岗, duty: 归档。 }
---
`;

  it('a 行政强制执行 power must state its facts; one without enforcement power may not use the self-enforcement path', () => {
    const file = 'content/powers/test-dept/410100-CS-QZ-001.md';
    const missing = checkFixture({ [file]: enforcement('', '第五十五条') });
    expect(missing.lines).toContain(
      `${file}:2:1: error: enforcement: 行政强制（行政强制执行）须填写 enforcement：执行主体 by（本机关 或 人民法院）和义务类型 obligation（金钱给付、作为义务 或 拆除违法建筑物），流程图据此选择法定程序 (enforcement-required)`,
    );
    const self = checkFixture({ [file]: enforcement('enforcement: { by: 人民法院, obligation: 作为义务 }\n', '第三十七条') });
    expect(self.lines).toContain(
      `${file}:14:47: error: stages.1.basis: 本机关没有行政强制执行权（enforcement.by: 人民法院），环节「决定」却依据《行政强制法》第三十七条自行强制执行：应依《行政强制法》第五十三条至第五十五条申请人民法院强制执行，请改正该环节的职责和依据 (self-enforcement-without-power)`,
    );
    const court = checkFixture({ [file]: enforcement('enforcement: { by: 人民法院, obligation: 作为义务 }\n', '第五十五条') });
    expect(court.lines.filter((l) => l.includes('410100-CS-QZ-001'))).toEqual([]);
    const noBasis = checkFixture({ [file]: enforcement('enforcement: { by: 本机关, obligation: 作为义务 }\n', '第三十七条') });
    expect(noBasis.lines.filter((l) => l.includes('enforcement-basis-required'))).toHaveLength(1);
  });

  it('quanze new scaffolds the enforcement facts for 行政强制执行 only', () => {
    const scaffold = (category: string, procedure: string) => {
      const r = scaffoldPower(sample, { department: 'zz-zrzyghj', category, procedure });
      if (!r.ok) throw new Error(r.error);
      return r.text;
    };
    expect(scaffold('行政强制', '行政强制执行')).toContain('\nenforcement: { by: 人民法院, obligation: 作为义务 }\n');
    expect(scaffold('行政强制', '行政强制措施')).not.toContain('enforcement:');
  });

  it('a category using a template written for another category', () => {
    const result = checkFixture({ 'content/stages.yaml': stages.replace('    flow: xzqr\n', '    flow: xzxk\n') });
    expect(result.lines).toContain(
      'content/stages.yaml:78:11: error: categories.3.flow: 行政确认使用了行政许可的流程模板「xzxk」（行政许可流程图），其步骤和期限不适用于行政确认：请改用 xzqr (flow-category)',
    );
  });
});

describe('procedures reference (docs/flow-procedures.md)', () => {
  it('names every flow template and the procedural articles its steps cite', () => {
    const doc = readFileSync(join(HERE, '../docs/flow-procedures.md'), 'utf8');
    for (const template of sample.flows.values()) {
      expect(doc, template.id).toContain(`\`${template.id}\``);
      // Each article of the three procedural laws a template cites is listed (as 第X条) in the reference.
      for (const ref of [...template.nodes.flatMap((n) => [...n.basis, ...(n.limit?.basis ?? [])]), ...template.edges.flatMap((e) => e.basis)]) {
        const article = /^第.+?条/.exec(ref.article)![0];
        expect(doc, `${template.id} ${ref.law} ${ref.article}`).toContain(article);
      }
    }
  });
});
