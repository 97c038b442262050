import type { Model } from '../model/types.ts';
import { buildPostSystem } from './post-system.ts';
import { checkLaws } from './laws-check.ts';
import { buildPowerFlowchart } from './flowchart/index.ts';

/**
 * Self-check against the items of the 河南省行政执法责任制示范点创建标准（修订版）, 一般标准,
 * 明确行政执法责任 that the content can show: each item with its points, the points it would lose
 * and why. Items that need documents outside the lists (publication on the portal, hearings…) are
 * not scored here.
 */
export interface AuditItem {
  item: string;
  standard: string;
  points: number;
  lost: number;
  findings: string[];
}

export interface AuditReport {
  department: { id: string; name: string };
  items: AuditItem[];
  score: number;
  total: number;
}

export function audit(model: Model): AuditReport[] {
  const laws = checkLaws(model);
  return model.departments.map((d) => {
    const powers = model.powers.filter((p) => p.department.id === d.id);
    const noChart: string[] = [];
    for (const p of powers) {
      try {
        const chart = buildPowerFlowchart(model, p);
        const stages = p.stages.filter((s) => !s.isOther).map((s) => s.stage);
        if (chart.graph.groups.map((g) => g.stage).join() !== stages.join()) noChart.push(`${p.name}（${p.code}）的流程图缺少环节`);
      } catch {
        noChart.push(`${p.name}（${p.code}）没有流程图模板`);
      }
    }
    const posts = buildPostSystem(model, d);
    const unassigned = posts.gaps.filter((g) => g.kind === 'stage-without-post').map((g) => g.message);
    const stale = laws.citations.filter((c) => c.department.id === d.id);
    const stalePowers = new Set(stale.map((c) => c.code));
    const items: AuditItem[] = [
      {
        item: '梳理行政执法权责清单，编制行政执法流程图',
        standard: '未梳理行政执法权责清单或者未编制行政执法流程图的，扣3分。',
        points: 3,
        lost: powers.length === 0 || noChart.length ? 3 : 0,
        findings: powers.length === 0 ? ['本部门没有任何职权事项'] : noChart,
      },
      {
        item: '建立行政执法岗责体系',
        standard: '未建立岗责体系的，扣2分。',
        points: 2,
        lost: unassigned.length ? 2 : 0,
        findings: unassigned,
      },
      {
        item: '建立行政执法权责清单动态调整机制：根据法律、法规、规章的立改废情况及时调整',
        standard: '需要调整但未及时调整权责清单的，扣2分。',
        points: 2,
        lost: stale.length ? 2 : 0,
        findings: stale.map((c) => `${c.name}（${c.code}）引用《${c.law.short}》${c.cited} 版本，最新为 ${c.latest.date}${c.reason === 'repealed-law' ? '（该法已废止）' : ''}`),
      },
      {
        item: '根据权责清单调整情况及时调整行政执法流程图',
        standard: '需要调整但未及时调整行政执法流程图的，扣1分。',
        points: 1,
        lost: noChart.length || stale.some((c) => c.fate?.status === 'deleted') ? 1 : 0,
        findings: [...noChart, ...stale.filter((c) => c.fate?.status === 'deleted').map((c) => `${c.name}（${c.code}）依据的条文已删除`)],
      },
      {
        item: '建立行政执法岗责体系动态调整机制',
        standard: '需要调整但未及时调整岗责体系的，扣1分。',
        points: 1,
        lost: unassigned.length || stalePowers.size ? 1 : 0,
        findings: [...unassigned, ...[...stalePowers].map((code) => `${code} 的依据待调整，岗位职责须随之核对`)],
      },
    ];
    const total = items.reduce((n, i) => n + i.points, 0);
    return { department: { id: d.id, name: d.name }, items, total, score: total - items.reduce((n, i) => n + i.lost, 0) };
  });
}

export function auditText(reports: AuditReport[]): string {
  const lines: string[] = ['对照《河南省行政执法责任制示范点创建标准（修订版）》“明确行政执法责任”可由清单内容核验的项目：', ''];
  for (const r of reports) {
    lines.push(`${r.department.name}：${r.score} / ${r.total} 分`);
    for (const i of r.items) {
      lines.push(`  ${i.lost ? '✗' : '✓'} ${i.item}（${i.points} 分${i.lost ? `，扣 ${i.lost} 分` : ''}）`);
      if (i.lost) {
        lines.push(`      依据：${i.standard}`);
        for (const f of i.findings.slice(0, 20)) lines.push(`      - ${f}`);
        if (i.findings.length > 20) lines.push(`      - ……另有 ${i.findings.length - 20} 处`);
      }
    }
    lines.push('');
  }
  lines.push('公开情况（门户网站公开清单、流程图、岗责体系）不在此核验：本工具发布的网站即为公开载体。');
  return lines.join('\n') + '\n';
}
