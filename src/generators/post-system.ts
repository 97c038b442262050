import type { DepartmentModel, Model, PowerModel } from '../model/types.ts';
import { departmentPowers } from '../model/department-powers.ts';

/** One duty of a post: a stage of a power. */
export interface PostDuty {
  code: string;
  power: string;
  category: string;
  stage: string;
  duty: string;
  limit: string;
}

export interface PostEntry {
  post: string;
  unitId: string;
  unitName: string;
  duties: PostDuty[];
  powerCount: number;
}

export interface UnitEntry {
  id: string;
  name: string;
  posts: PostEntry[];
  /** Powers this unit handles (承办) or takes a stage of. */
  powerCount: number;
  dutyCount: number;
}

export interface PostSystemGap {
  kind: 'stage-without-post' | 'post-without-duties' | 'unit-without-powers';
  message: string;
  code?: string;
  unitId?: string;
  post?: string;
}

/**
 * 岗责体系: the department's powers broken down to internal units and posts
 * (以事定岗、以岗定责), by unit → post → duties and by post across the department, with the gaps.
 */
export interface PostSystem {
  department: { id: string; name: string };
  units: UnitEntry[];
  /** Posts of the same name across units, merged. */
  byPost: { post: string; units: string[]; duties: (PostDuty & { unitName: string })[] }[];
  gaps: PostSystemGap[];
  counts: { units: number; posts: number; duties: number; powers: number };
}

export function buildPostSystem(model: Model, department: DepartmentModel): PostSystem {
  const powers = departmentPowers(model, department.id);
  const gaps: PostSystemGap[] = [];
  const duties = new Map<string, PostDuty[]>();
  const unitPowers = new Map<string, Set<string>>();
  const key = (unitId: string, post: string) => `${unitId}\u0000${post}`;

  for (const power of powers) {
    addTo(unitPowers, power.unit.id, power.code);
    for (const stage of power.stages) {
      if (stage.isOther && !stage.post) continue;
      addTo(unitPowers, stage.unit.id, power.code);
      if (!stage.post) {
        gaps.push({ kind: 'stage-without-post', code: power.code, unitId: stage.unit.id, message: `${power.name}（${power.code}）的「${stage.stage}」环节没有落实到岗位` });
        continue;
      }
      const list = duties.get(key(stage.unit.id, stage.post)) ?? [];
      list.push(dutyOf(power, stage));
      duties.set(key(stage.unit.id, stage.post), list);
    }
  }

  const units: UnitEntry[] = department.units.map((unit) => {
    const posts = unit.posts.map((post) => {
      const list = duties.get(key(unit.id, post)) ?? [];
      if (list.length === 0) gaps.push({ kind: 'post-without-duties', unitId: unit.id, post, message: `${unit.name}的「${post}」没有承担任何事项环节` });
      return { post, unitId: unit.id, unitName: unit.name, duties: list, powerCount: new Set(list.map((d) => d.code)).size };
    });
    const powerCount = unitPowers.get(unit.id)?.size ?? 0;
    if (powerCount === 0) gaps.push({ kind: 'unit-without-powers', unitId: unit.id, message: `${unit.name}没有承办或参与任何事项` });
    return { id: unit.id, name: unit.name, posts, powerCount, dutyCount: posts.reduce((n, p) => n + p.duties.length, 0) };
  });

  const byPostMap = new Map<string, PostSystem['byPost'][number]>();
  for (const unit of units) {
    for (const post of unit.posts) {
      const entry = byPostMap.get(post.post) ?? { post: post.post, units: [], duties: [] };
      entry.units.push(unit.name);
      entry.duties.push(...post.duties.map((d) => ({ ...d, unitName: unit.name })));
      byPostMap.set(post.post, entry);
    }
  }

  return {
    department: { id: department.id, name: department.name },
    units,
    byPost: [...byPostMap.values()],
    gaps,
    counts: {
      units: units.length,
      posts: units.reduce((n, u) => n + u.posts.length, 0),
      duties: units.reduce((n, u) => n + u.dutyCount, 0),
      powers: powers.length,
    },
  };
}

function dutyOf(power: PowerModel, stage: PowerModel['stages'][number]): PostDuty {
  return { code: power.code, power: power.name, category: power.category.name, stage: stage.stage, duty: stage.duty, limit: stage.limit?.text ?? '' };
}

function addTo(map: Map<string, Set<string>>, k: string, v: string) {
  const set = map.get(k) ?? new Set<string>();
  set.add(v);
  map.set(k, set);
}
