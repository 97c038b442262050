import { similarity } from '../../lib/similarity.ts';
import type { Model } from '../../model/types.ts';
import type { OpenData } from '../../schema/open-data.ts';
import { articleNumberKey, lawKey, normalName } from './normalize.ts';

/** One jurisdiction's list reduced to what two lists can be compared on. */
export interface PeerList {
  label: string;
  powers: PeerPower[];
}

export interface PeerPower {
  code: string;
  name: string;
  category: string;
  level: string;
  department: string;
  directoryCode?: string;
  basis: { law: string; article: string }[];
  feeCharged?: boolean;
}

export interface PeerDifference {
  field: '名称' | '职权类别' | '行使层级' | '实施依据' | '收费';
  a: string;
  b: string;
  explanation: string;
}

export interface PeerMatch {
  a: PeerPower;
  b: PeerPower;
  by: '目录编码' | '名称相同' | '名称相近';
  /** Name similarity (0–1) when matched by a similar name. */
  score?: number;
  differences: PeerDifference[];
}

export interface PeerComparison {
  a: { label: string; powers: number };
  b: { label: string; powers: number };
  matched: PeerMatch[];
  onlyA: PeerPower[];
  onlyB: PeerPower[];
}

/** Names at least this similar (Dice coefficient over character pairs) are taken as one power. */
export const PEER_SIMILARITY = 0.75;

export function peerListFromModel(model: Model, label: string): PeerList {
  return {
    label,
    powers: model.powers
      .filter((p) => p.status !== '已取消')
      .map((p) => ({
        code: p.code,
        name: p.name,
        category: p.category.name,
        level: p.level,
        department: p.department.name,
        ...(p.directoryCode ? { directoryCode: p.directoryCode } : {}),
        basis: p.basis.map((c) => ({ law: c.law.title, article: c.article })),
        ...(p.fee ? { feeCharged: p.fee.charged } : {}),
      })),
  };
}

export function peerListFromOpenData(data: OpenData, label: string): PeerList {
  return {
    label,
    powers: data.departments.flatMap((d) =>
      d.powers
        .filter((p) => p.status !== '已取消')
        .map((p) => ({
          code: p.code,
          name: p.name,
          category: p.category,
          level: p.level,
          department: d.name,
          ...(p.directoryCode ? { directoryCode: p.directoryCode } : {}),
          basis: p.basis.map((c) => ({ law: c.law.title, article: c.article })),
          ...(p.fee ? { feeCharged: p.fee.charged } : {}),
        })),
    ),
  };
}

/**
 * Two jurisdictions' lists item by item: matched by directory code, then by the same name, then
 * by the most similar name (one to one, best pairs first); each matched pair's differences are
 * explained, and what only one side has is listed.
 */
export function comparePeers(a: PeerList, b: PeerList): PeerComparison {
  const restA = new Set(a.powers);
  const restB = new Set(b.powers);
  const matched: PeerMatch[] = [];
  const pair = (x: PeerPower, y: PeerPower, by: PeerMatch['by'], score?: number) => {
    restA.delete(x);
    restB.delete(y);
    matched.push({ a: x, b: y, by, ...(score !== undefined ? { score: Math.round(score * 100) / 100 } : {}), differences: peerDifferences(x, y) });
  };

  const bByDirectory = new Map<string, PeerPower>();
  for (const y of b.powers) if (y.directoryCode && !bByDirectory.has(y.directoryCode)) bByDirectory.set(y.directoryCode, y);
  for (const x of a.powers) {
    const y = x.directoryCode ? bByDirectory.get(x.directoryCode) : undefined;
    if (y && restB.has(y)) pair(x, y, '目录编码');
  }
  const bByName = new Map<string, PeerPower>();
  for (const y of restB) if (!bByName.has(normalName(y.name))) bByName.set(normalName(y.name), y);
  for (const x of [...restA]) {
    const y = bByName.get(normalName(x.name));
    if (y && restB.has(y)) pair(x, y, '名称相同');
  }
  const candidates: { x: PeerPower; y: PeerPower; score: number }[] = [];
  for (const x of restA) {
    for (const y of restB) {
      const score = similarity(x.name, y.name);
      if (score >= PEER_SIMILARITY) candidates.push({ x, y, score });
    }
  }
  candidates.sort((p, q) => q.score - p.score || p.x.code.localeCompare(q.x.code) || p.y.code.localeCompare(q.y.code));
  for (const { x, y, score } of candidates) if (restA.has(x) && restB.has(y)) pair(x, y, '名称相近', score);

  const order = (list: PeerPower[]) => list.sort((p, q) => p.category.localeCompare(q.category) || p.code.localeCompare(q.code));
  return {
    a: { label: a.label, powers: a.powers.length },
    b: { label: b.label, powers: b.powers.length },
    matched: matched.sort((p, q) => p.a.code.localeCompare(q.a.code)),
    onlyA: order([...restA]),
    onlyB: order([...restB]),
  };
}

function peerDifferences(x: PeerPower, y: PeerPower): PeerDifference[] {
  const out: PeerDifference[] = [];
  if (normalName(x.name) !== normalName(y.name)) out.push({ field: '名称', a: x.name, b: y.name, explanation: `同一事项名称不同：「${x.name}」与「${y.name}」` });
  if (x.category !== y.category) out.push({ field: '职权类别', a: x.category, b: y.category, explanation: `职权类别不同：一方为${x.category}，另一方为${y.category}` });
  if (x.level !== y.level) out.push({ field: '行使层级', a: x.level, b: y.level, explanation: `行使层级不同：${x.level} 与 ${y.level}` });
  const keys = (p: PeerPower) => new Map(p.basis.map((c) => [`${lawKey(c.law)}|${articleNumberKey(c.article)}`, `《${c.law.replace(/^中华人民共和国/, '')}》${articleNumberKey(c.article)}`]));
  const kx = keys(x);
  const ky = keys(y);
  const onlyX = [...kx].filter(([k]) => !ky.has(k)).map(([, label]) => label);
  const onlyY = [...ky].filter(([k]) => !kx.has(k)).map(([, label]) => label);
  if (onlyX.length || onlyY.length) {
    const parts = [onlyX.length ? `只有前者引用 ${onlyX.join('、')}` : '', onlyY.length ? `只有后者引用 ${onlyY.join('、')}` : ''].filter(Boolean);
    out.push({ field: '实施依据', a: [...kx.values()].join('；'), b: [...ky.values()].join('；'), explanation: `实施依据不同：${parts.join('；')}` });
  }
  if (x.feeCharged !== undefined && y.feeCharged !== undefined && x.feeCharged !== y.feeCharged) {
    out.push({ field: '收费', a: x.feeCharged ? '收费' : '不收费', b: y.feeCharged ? '收费' : '不收费', explanation: `收费情况不同：一方${x.feeCharged ? '收费' : '不收费'}，另一方${y.feeCharged ? '收费' : '不收费'}` });
  }
  return out;
}
