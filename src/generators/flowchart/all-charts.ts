import type { Model } from '../../model/types.ts';
import { buildPowerFlowchart, type PowerFlowchart } from './index.ts';
import { templateFlowchart } from './template-chart.ts';

export interface ChartSource extends PowerFlowchart {
  /** Power code, or `flow:<template id>` for a standard chart. */
  key: string;
  /** Categories and procedures a standard chart serves. */
  users?: string[];
}

/** Every chart the site publishes: one per power and one per flow template in use. */
export function allCharts(model: Model): ChartSource[] {
  const users = new Map<string, string[]>();
  for (const c of model.stageTable.categories) {
    for (const p of c.procedures) users.set(p.flow, [...(users.get(p.flow) ?? []), c.name + (p.name ? `（${p.name}）` : '')]);
  }
  const templates = [...model.flows.values()]
    .filter((f) => f.layout === 'template' && users.has(f.id))
    .map((flow) => ({ key: `flow:${flow.id}`, users: users.get(flow.id)!, ...templateFlowchart(model, flow) }));
  return [...model.powers.map((p) => ({ key: p.code, ...buildPowerFlowchart(model, p) })), ...templates];
}
