import type { Model } from '../../model/types.ts';
import type { ChartContacts } from './chart-spec.ts';
import { buildPowerFlowchart, type PowerFlowchart } from './index.ts';
import { templateFlowchart } from './template-chart.ts';

export interface ChartSource extends PowerFlowchart {
  /** Power code, or `flow:<template id>` for a standard chart. */
  key: string;
  /** Categories and procedures a standard chart serves. */
  users?: string[];
  /** The department's service and complaint contacts, printed at the foot of a power's chart. */
  contacts?: ChartContacts;
}

/** The standard charts: one per flow template in use, with the categories and procedures it serves. */
export function templateCharts(model: Model): ChartSource[] {
  const users = new Map<string, string[]>();
  for (const c of model.stageTable.categories) {
    for (const p of c.procedures) users.set(p.flow, [...(users.get(p.flow) ?? []), c.name + (p.name ? `（${p.name}）` : '')]);
  }
  return [...model.flows.values()]
    .filter((f) => f.layout === 'template' && users.has(f.id))
    .map((flow) => ({ key: `flow:${flow.id}`, users: users.get(flow.id)!, ...templateFlowchart(model, flow) }));
}

/** Every chart the site publishes: one per power and one per flow template in use. */
export function allCharts(model: Model): ChartSource[] {
  return [...model.powers.map((p) => ({ key: p.code, contacts: p.department, ...buildPowerFlowchart(model, p) })), ...templateCharts(model)];
}
