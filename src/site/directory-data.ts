import { compareWithDirectories, type DepartmentVersusDirectory, type MatchedItem } from '../generators/directory/compare-upper.ts';
import { getModel } from './data.ts';

let byDepartment: Map<string, DepartmentVersusDirectory> | undefined;
let byPower: Map<string, MatchedItem> | undefined;

/** Every department's comparison with its upper-level directory, computed once per build. */
function comparisons(): Map<string, DepartmentVersusDirectory> {
  if (!byDepartment) {
    byDepartment = new Map(compareWithDirectories(getModel()).map((r) => [r.department.id, r]));
    byPower = new Map([...byDepartment.values()].flatMap((r) => r.matched.map((m) => [m.power.code, m] as const)));
  }
  return byDepartment;
}

/** The department's list against its directory, when it names one. */
export function directoryComparisonOf(departmentId: string): DepartmentVersusDirectory | undefined {
  return comparisons().get(departmentId);
}

/** The directory item a power corresponds to, with its differences. */
export function directoryMatchOf(powerCode: string): MatchedItem | undefined {
  comparisons();
  return byPower!.get(powerCode);
}
