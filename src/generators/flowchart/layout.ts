import type { BoxWidths, ChartSpec, NodeKind } from './chart-spec.ts';

/**
 * The chart's geometry, computed from its shape alone (structure and box sizes, not text), so all
 * charts of one template shape share it. A layered, top-to-bottom layout on a grid:
 *
 * - rows: stages (bands) follow each other top to bottom, each stage's steps in its own rows;
 *   a row holds at most `columns` boxes, so wide branch fans fold onto the next row and the chart
 *   keeps a portrait shape;
 * - columns: each box sits in a grid column, chosen to keep arrows short and straight;
 * - arrows are orthogonal: down from the box into the channel below its row, along a track of
 *   their own, and into the target's top through a port of their own. Arrows that skip rows or go
 *   back run in the gutters between columns, where no box is, so no arrow crosses a box;
 * - the stage labels sit in a column of their own on the left, which no arrow enters.
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  columns: number;
  nodes: Record<string, Box>;
  /** Per spec edge, in order: its polyline and, when labelled, where the label's centre-top goes. */
  edges: { points: [number, number][]; label?: { x: number; y: number } }[];
  /** Per spec band: its vertical extent (the label column spans x 0…labelColumn). */
  bands: { top: number; bottom: number }[];
  labelColumn: number;
  /** Where a printed chart may be cut between pages: only vertical lines cross there. */
  cuts: { y: number; stage: boolean }[];
}

export const LABEL_COLUMN = 64;
/** Width charts are laid out to: printed on portrait A4 (190 mm ≙ 718 px) text stays above 9 pt. */
export const CHART_WIDTH = 770;
/** Widest box: a chart of one column does not need boxes across the page. */
const MAX_COLUMN = 320;
const TRACK = 6;
const EXIT = 8;
const ARROW = 6;
const GUTTER_MIN = 24;
const MARGIN = 12;

/** What the layout of rows, columns and arrow routes depends on: the graph without any text. */
export interface ChartStructure {
  nodes: { id: string; kind: NodeKind; band?: number }[];
  edges: { from: string; to: string }[];
  bands: number;
}

/** Rows, columns and arrow routes of a structure on a grid of at most `maxColumns` columns. */
export interface ChartPlan {
  columns: number;
  rows: number;
  row: Map<string, number>;
  col: Map<string, number>;
  byRow: string[][];
  gutterOf: Map<number, number>;
  gutterTracks: number[][];
  exitTracks: string[][];
  arrivalTracks: number[][];
  widths: BoxWidths;
  colWidth: number;
}

export function planChart(spec: ChartStructure, maxColumns: number): ChartPlan {
  const ids = spec.nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const nodeOf = new Map(spec.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number[]>();
  spec.edges.forEach((e, i) => out.set(e.from, [...(out.get(e.from) ?? []), i]));

  // 1. Back edges (closing a cycle) found depth first from the start; they do not order the rows.
  const back = new Set<number>();
  const state = new Map<string, 1 | 2>();
  const visit = (id: string) => {
    state.set(id, 1);
    for (const i of out.get(id) ?? []) {
      const to = spec.edges[i]!.to;
      if (state.get(to) === 1) back.add(i);
      else if (!state.has(to)) visit(to);
    }
    state.set(id, 2);
  };
  const starts = spec.nodes.filter((n) => n.kind === 'start');
  for (const n of [...starts, ...spec.nodes]) if (!state.has(n.id)) visit(n.id);

  // 2. Partitions: unstaged starts first, each stage in order, unstaged ends last; an unstaged
  // step goes with the latest stage before it.
  const last = spec.bands + 1;
  const partition = new Map<string, number>();
  const forwardPreds = new Map<string, string[]>();
  spec.edges.forEach((e, i) => {
    if (!back.has(i)) forwardPreds.set(e.to, [...(forwardPreds.get(e.to) ?? []), e.from]);
  });
  const topo = topologicalOrder(ids, spec.edges.filter((_, i) => !back.has(i)), index);
  for (const id of topo) {
    const n = nodeOf.get(id)!;
    if (n.band !== undefined) partition.set(id, n.band + 1);
    else if (n.kind === 'start') partition.set(id, 0);
    else if (n.kind === 'end') partition.set(id, last);
    else partition.set(id, Math.max(0, ...(forwardPreds.get(id) ?? []).map((p) => partition.get(p) ?? 0)));
  }
  spec.edges.forEach((e, i) => {
    if (partition.get(e.to)! < partition.get(e.from)!) back.add(i);
  });
  const preds = new Map<string, string[]>();
  spec.edges.forEach((e, i) => {
    if (!back.has(i) && e.from !== e.to) preds.set(e.to, [...(preds.get(e.to) ?? []), e.from]);
  });

  // 3. Rows: each node below its predecessors and after the previous stage, no row over-full.
  const row = new Map<string, number>();
  const rowSize: number[] = [];
  let base = 0;
  const order = topologicalOrder(ids, spec.edges.filter((_, i) => !back.has(i)), index);
  for (let p = 0; p <= last; p++) {
    let deepest = base - 1;
    for (const id of order.filter((x) => partition.get(x) === p)) {
      let r = Math.max(base, ...(preds.get(id) ?? []).map((u) => (row.get(u) ?? base - 1) + 1));
      while ((rowSize[r] ?? 0) >= maxColumns) r++;
      row.set(id, r);
      rowSize[r] = (rowSize[r] ?? 0) + 1;
      deepest = Math.max(deepest, r);
    }
    base = deepest + 1;
  }
  const rows = Math.max(0, ...row.values()) + 1;
  const byRow: string[][] = Array.from({ length: rows }, () => []);
  for (const id of ids) byRow[row.get(id)!]!.push(id);
  const columns = Math.max(1, ...byRow.map((r) => r.length));

  // 4. Columns: per row, the placement that keeps arrows from the rows above shortest.
  const col = new Map<string, number>();
  const centre = (columns - 1) / 2;
  for (const members of byRow) {
    let best: number[] = [];
    let bestCost = Infinity;
    for (const cols of placements(members.length, columns)) {
      let cost = 0;
      members.forEach((id, i) => {
        for (const u of preds.get(id) ?? []) if (col.has(u)) cost += Math.abs(cols[i]! - col.get(u)!);
        cost += 0.3 * Math.abs(cols[i]! - centre);
        for (let j = 0; j < i; j++) if (cols[j]! > cols[i]!) cost += 0.05;
      });
      if (cost < bestCost) [best, bestCost] = [cols, cost];
    }
    members.forEach((id, i) => col.set(id, best[i]!));
  }

  // 5. Routes: direct to the next row, or through a gutter; tracks in channels and gutters.
  // Channel k lies above row k (channel `rows` below the last row).
  const gutterOf = new Map<number, number>();
  const gutterTracks: number[][] = Array.from({ length: columns + 1 }, () => []);
  spec.edges.forEach((e, i) => {
    const [r1, r2] = [row.get(e.from)!, row.get(e.to)!];
    if (r2 === r1 + 1) return;
    const [c1, c2] = [col.get(e.from)!, col.get(e.to)!];
    let best = 0;
    let bestCost = Infinity;
    for (let g = 0; g <= columns; g++) {
      const cost = Math.abs(g - (c1 + 0.5)) + Math.abs(g - (c2 + 0.5)) + 0.2 * gutterTracks[g]!.length + (r2 <= r1 ? 0.01 * (columns - g) : 0.01 * g);
      if (cost < bestCost) [best, bestCost] = [g, cost];
    }
    gutterOf.set(i, best);
    gutterTracks[best]!.push(i);
  });
  const exitTracks: string[][] = Array.from({ length: rows + 1 }, () => []);
  const arrivalTracks: number[][] = Array.from({ length: rows + 1 }, () => []);
  for (const members of byRow) {
    for (const id of [...members].sort((a, b) => col.get(a)! - col.get(b)!)) if (out.has(id)) exitTracks[row.get(id)! + 1]!.push(id);
  }
  spec.edges.forEach((e, i) => {
    if (gutterOf.has(i)) arrivalTracks[row.get(e.to)!]!.push(i);
  });
  for (const list of arrivalTracks) list.sort((a, b) => gutterOf.get(a)! - gutterOf.get(b)!);
  // Columns share what the gutters leave of the chart's width.
  const gutters = gutterTracks.reduce((sum, t) => sum + gutterWidth(t.length), 0);
  const colWidth = Math.max(120, Math.min(MAX_COLUMN, Math.floor((CHART_WIDTH - (spec.bands ? LABEL_COLUMN : 0) - gutters) / columns)));
  const widths = { step: colWidth - 8, decision: colWidth, terminal: Math.min(colWidth - 8, 200) };
  return { columns, rows, row, col, byRow, gutterOf, gutterTracks, exitTracks, arrivalTracks, widths, colWidth };
}

function gutterWidth(tracks: number): number {
  return Math.max(GUTTER_MIN, tracks * TRACK + 16);
}

/** Places a chart's boxes, arrows and bands on its plan, given the box sizes its text needs. */
export function placeChart(spec: ChartSpec, plan: ChartPlan): ChartLayout {
  const { columns, rows, row, col, byRow, gutterOf, gutterTracks, exitTracks, arrivalTracks, colWidth } = plan;
  const ids = spec.nodes.map((n) => n.id);
  const nodeOf = new Map(spec.nodes.map((n) => [n.id, n]));
  const labelIn = new Array<number>(rows + 1).fill(0);
  for (const e of spec.edges) if (e.label.length) labelIn[row.get(e.to)!] = Math.max(labelIn[row.get(e.to)!]!, e.labelHeight);

  // 7. Horizontal positions: label column, then gutters and columns in turn.
  const labelColumn = spec.bands.length ? LABEL_COLUMN : 0;
  const colCentre: number[] = [];
  const trackX = new Map<number, number>();
  let x = labelColumn;
  for (let g = 0; g <= columns; g++) {
    const n = gutterTracks[g]!.length;
    const width = gutterWidth(n);
    gutterTracks[g]!.forEach((i, j) => trackX.set(i, x + (width - n * TRACK) / 2 + j * TRACK + TRACK / 2));
    x += width;
    if (g < columns) {
      colCentre[g] = x + colWidth / 2;
      x += colWidth;
    }
  }
  const width = Math.ceil(x);
  const centreOf = (id: string) => colCentre[col.get(id)!]!;

  // 8. Ports: each arrow enters its box at a port of its own, in the order the arrows come from.
  const approach = (i: number) => (gutterOf.has(i) ? trackX.get(i)! : centreOf(spec.edges[i]!.from));
  const portX = new Map<number, number>();
  for (const id of ids) {
    const incoming = spec.edges.map((e, i) => (e.to === id ? i : -1)).filter((i) => i >= 0);
    incoming.sort((a, b) => approach(a) - approach(b) || a - b);
    const w = nodeOf.get(id)!.width;
    incoming.forEach((i, j) => portX.set(i, centreOf(id) - w / 2 + (w * (j + 1)) / (incoming.length + 1)));
  }
  // A box whose one arrow goes straight down into the box below needs no track.
  const straight = new Set<string>();
  for (const id of ids) {
    const outgoing = spec.edges.map((e, i) => (e.from === id ? i : -1)).filter((i) => i >= 0);
    if (outgoing.length === 1 && !gutterOf.has(outgoing[0]!) && Math.abs(portX.get(outgoing[0]!)! - centreOf(id)) < 0.5) straight.add(id);
  }

  // 6. Vertical positions (a stage whose label needs more room is stretched later, per chart:
  // see stretchBands).
  const bandRows = spec.bands.map((_, b) => {
    const rs = ids.filter((id) => nodeOf.get(id)!.band === b).map((id) => row.get(id)!);
    return { first: Math.min(...rs), last: Math.max(...rs) };
  });
  const rowTop: number[] = [];
  const rowHeight = byRow.map((members) => Math.max(...members.map((id) => nodeOf.get(id)!.height)));
  const exitY = new Map<string, number>();
  const arrivalY = new Map<number, number>();
  const labelTop: number[] = [];
  const boundary: number[] = [];
  const bands = spec.bands.map(() => ({ top: 0, bottom: 0 }));
  let y = 0;
  for (let k = 0; k <= rows; k++) {
    const exits = exitTracks[k]!.filter((id) => !straight.has(id));
    const tracks = exits.length + arrivalTracks[k]!.length;
    const cut = k === 0 ? 0 : y + EXIT / 2;
    boundary[k] = cut;
    bandRows.forEach((r, b) => {
      if (r.first === k) bands[b]!.top = cut;
      if (r.last === k - 1) bands[b]!.bottom = cut;
    });
    let t = k === 0 ? MARGIN : y + EXIT;
    for (const id of exits) exitY.set(id, (t += TRACK) - TRACK / 2);
    for (const i of arrivalTracks[k]!) arrivalY.set(i, (t += TRACK) - TRACK / 2);
    if (tracks) t += 3;
    labelTop[k] = t;
    t += labelIn[k]! ? labelIn[k]! + 3 : 0;
    y = k === rows ? t + (tracks ? 0 : MARGIN - (k === 0 ? 0 : EXIT)) : t + (k === 0 && !tracks && !labelIn[k] ? 0 : ARROW);
    if (k < rows) {
      rowTop[k] = y;
      y += rowHeight[k]!;
    }
  }
  const height = Math.ceil(y);

  const nodes: Record<string, Box> = {};
  for (const n of spec.nodes) nodes[n.id] = { x: centreOf(n.id) - n.width / 2, y: rowTop[row.get(n.id)!]!, width: n.width, height: n.height };
  const port = new Map<number, [number, number]>();
  spec.edges.forEach((e, i) => {
    const box = nodes[e.to]!;
    const px = portX.get(i)!;
    const cx = box.x + box.width / 2;
    const py = nodeOf.get(e.to)!.kind === 'decision' ? box.y + (Math.abs(px - cx) / (box.width / 2)) * (box.height / 2) : box.y;
    port.set(i, [px, py]);
  });

  const edges = spec.edges.map((e, i) => {
    const from = nodes[e.from]!;
    const sx = from.x + from.width / 2;
    const sy = from.y + from.height;
    const ty = exitY.get(e.from) ?? sy;
    const [px, py] = port.get(i)!;
    const points: [number, number][] = [[sx, sy], [sx, ty]];
    if (gutterOf.has(i)) {
      const gx = trackX.get(i)!;
      const ay = arrivalY.get(i)!;
      points.push([gx, ty], [gx, ay], [px, ay]);
    } else points.push([px, ty]);
    points.push([px, py]);
    const label = e.label.length ? { x: px, y: labelTop[row.get(e.to)!]! } : undefined;
    return { points: simplify(points), label };
  });

  const stageCuts = new Set(bandRows.flatMap((r) => [r.first, r.last + 1]));
  const cuts = boundary.map((yy, k) => ({ y: yy, stage: stageCuts.has(k) })).filter((c, k) => k > 0 && k < rows && c.y > 0);
  return { width, height, columns, nodes, edges, bands, labelColumn, cuts };
}

/**
 * Gives each stage band at least its label's height: the room is added at the foot of the band,
 * and everything below moves down (only vertical lines cross a band boundary, so they just grow).
 * Done per chart on a shared layout, so charts whose posts differ still share their layout.
 */
export function stretchBands(layout: ChartLayout, labelHeights: number[]): ChartLayout {
  const shifts: { at: number; by: number }[] = [];
  const moved = (y: number) => y + shifts.reduce((sum, s) => (y >= s.at ? sum + s.by : sum), 0);
  const order = layout.bands.map((b, i) => ({ ...b, i })).sort((a, b) => a.top - b.top);
  for (const band of order) {
    const need = labelHeights[band.i]! - (moved(band.bottom) - moved(band.top));
    if (need > 0) shifts.push({ at: band.bottom, by: need });
  }
  if (!shifts.length) return layout;
  const nodes: Record<string, Box> = {};
  for (const [id, box] of Object.entries(layout.nodes)) nodes[id] = { ...box, y: moved(box.y) };
  return {
    ...layout,
    height: moved(layout.height),
    nodes,
    edges: layout.edges.map((e) => ({ points: e.points.map(([x, y]) => [x, moved(y)] as [number, number]), label: e.label && { x: e.label.x, y: moved(e.label.y) } })),
    bands: layout.bands.map((b) => ({ top: moved(b.top), bottom: moved(b.bottom) })),
    cuts: layout.cuts.map((c) => ({ ...c, y: moved(c.y) })),
  };
}

/** Nodes in an order where every node comes after its predecessors; ties keep the template's order. */
function topologicalOrder(ids: string[], edges: { from: string; to: string }[], index: Map<string, number>): string[] {
  const indegree = new Map(ids.map((id) => [id, 0]));
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (e.from === e.to) continue;
    indegree.set(e.to, indegree.get(e.to)! + 1);
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const ready = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length) {
    ready.sort((a, b) => index.get(a)! - index.get(b)!);
    const id = ready.shift()!;
    order.push(id);
    for (const to of next.get(id) ?? []) {
      indegree.set(to, indegree.get(to)! - 1);
      if (indegree.get(to) === 0) ready.push(to);
    }
  }
  return order;
}

/** Every way to put `count` boxes in distinct columns of `columns`, in left-to-right box order or not. */
function placements(count: number, columns: number): number[][] {
  const result: number[][] = [];
  const pick = (chosen: number[]) => {
    if (chosen.length === count) return void result.push([...chosen]);
    for (let c = 0; c < columns; c++) if (!chosen.includes(c)) pick([...chosen, c]);
  };
  pick([]);
  return result;
}

/** Drops repeated and collinear points. */
function simplify(points: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const p of points) {
    const prev = out.at(-1);
    if (prev && Math.abs(prev[0] - p[0]) < 0.01 && Math.abs(prev[1] - p[1]) < 0.01) continue;
    const before = out.at(-2);
    if (prev && before && ((before[0] === prev[0] && prev[0] === p[0]) || (before[1] === prev[1] && prev[1] === p[1]))) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}
