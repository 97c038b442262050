import type { Model, PowerModel } from './types.ts';

const byDepartment = new WeakMap<Model, Map<string, PowerModel[]>>();

/**
 * A department's powers, in the model's order. Grouped once per model: the downloads, lists and
 * pages ask for one department's powers hundreds of times per build, and a scan of every power each
 * time cost about a second at 10,000 powers. A fresh array each call, so a caller may sort it.
 */
export function departmentPowers(model: Model, departmentId: string): PowerModel[] {
  let groups = byDepartment.get(model);
  if (!groups) byDepartment.set(model, (groups = Map.groupBy(model.powers, (p) => p.department.id)));
  return [...(groups.get(departmentId) ?? [])];
}
