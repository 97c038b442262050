import type { ContentHistory } from '../history/content-history.ts';
import type { Model } from '../model/types.ts';
import type { ContentFingerprints } from './fingerprint.ts';
import { sha } from './fingerprint.ts';
import type { BuildManifest } from './manifest.ts';

/**
 * A power's own pages (page, 当时版本, 比较) are made from its file, its parent's and children's
 * names and codes (both shown on the page), its git history and the shared content; the shared
 * content and the code are compared as a whole. Anything else a page shows comes from those.
 */
export function pageFingerprints(model: Model, content: ContentFingerprints, history: ContentHistory): Map<string, string> {
  const children = new Map<string, string[]>();
  for (const p of model.powers) if (p.parent) children.set(p.parent, [...(children.get(p.parent) ?? []), p.code]);
  const own = (code: string) => `${code}=${content.powers.get(code) ?? ''}`;
  const revisions = (code: string) => (history.available ? (history.byCode.get(code) ?? []).map((r) => r.hash).join(',') : `no-history:${history.reason}`);
  return new Map(
    model.powers.map((p) => [
      p.code,
      sha(own(p.code), p.parent ? own(p.parent) : '', ...(children.get(p.code) ?? []).map(own), revisions(p.code)),
    ]),
  );
}

/**
 * A department's own pages (list, posts, derived lists, adjustments, feed) are made from its
 * powers' pages' inputs, so their fingerprints, with the set of codes, stand for them.
 */
export function departmentFingerprints(model: Model, pages: Map<string, string>): Map<string, string> {
  return new Map(
    model.departments.map((d) => [
      d.id,
      sha(
        d.id,
        ...model.powers
          .filter((p) => p.department.id === d.id)
          .map((p) => `${p.code}=${pages.get(p.code)}`)
          .sort(),
      ),
    ]),
  );
}

export type BuildPlan =
  | { mode: 'full'; reason: string }
  | { mode: 'incremental'; changed: string[]; removed: string[]; departments: string[] };

export interface BuildInputs {
  outDir: string;
  contentDir: string;
  code: string;
  shared: string;
  pages: Map<string, string>;
  departments: Map<string, string>;
  outDirExists: boolean;
}

/** Full build unless the last build's output is there and only power files (or history) changed. */
export function planBuild(previous: BuildManifest | undefined, current: BuildInputs): BuildPlan {
  if (!previous) return { mode: 'full', reason: '没有上次构建的记录' };
  if (!current.outDirExists) return { mode: 'full', reason: '输出目录不存在' };
  if (previous.outDir !== current.outDir || previous.contentDir !== current.contentDir) return { mode: 'full', reason: '输出目录或内容目录与上次不同' };
  if (previous.code !== current.code) return { mode: 'full', reason: '网站代码或依赖有变化' };
  if (previous.shared !== current.shared) return { mode: 'full', reason: '共用内容（环节划分参照表、流程模板、部门、法律法规或网站设置）有变化' };
  const changed = [...current.pages].filter(([code, print]) => previous.pages[code] !== print).map(([code]) => code);
  const removed = Object.keys(previous.pages).filter((code) => !current.pages.has(code));
  const departments = [...current.departments].filter(([id, print]) => previous.departments[id] !== print).map(([id]) => id);
  return { mode: 'incremental', changed, removed, departments };
}
