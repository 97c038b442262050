import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkContentAt } from '../src/model/check.ts';
import { buildPowerFlowchart } from '../src/generators/flowchart/index.ts';
import type { FlowGraph } from '../src/generators/flowchart/graph.ts';
import { toMermaid } from '../src/generators/flowchart/mermaid-source.ts';
import { chartSpec } from '../src/generators/flowchart/chart-spec.ts';
import { planChart, placeChart, stretchBands, type ChartLayout } from '../src/generators/flowchart/layout.ts';
import { createSvgRenderer } from '../src/generators/flowchart/render-svg.ts';

const sample = checkContentAt(resolve('content')).model!;

type Rect = { x: number; y: number; width: number; height: number };

/**
 * Geometry any readable chart must have, whatever the template: arrows run only horizontally and
 * vertically, never through a box other than their own ends, never into the stage-label column;
 * boxes do not overlap; each box lies inside its stage's band, bands do not overlap and each is
 * tall enough for its label; the chart fits the printable width.
 */
function checkGeometry(graph: FlowGraph, layout: ChartLayout, labelHeights: number[]): void {
  const problems: string[] = [];
  const boxes = Object.entries(layout.nodes);
  const inside = (r: Rect, x: number, y: number) => x > r.x + 0.5 && x < r.x + r.width - 0.5 && y > r.y + 0.5 && y < r.y + r.height - 0.5;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]![1], boxes[j]![1]];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) problems.push(`${boxes[i]![0]} overlaps ${boxes[j]![0]}`);
    }
  }
  graph.edges.forEach((edge, e) => {
    const name = `${edge.from}→${edge.to}`;
    const points = layout.edges[e]!.points;
    if (points.length < 2) problems.push(`${name} has no line`);
    for (let k = 1; k < points.length; k++) {
      const [[x1, y1], [x2, y2]] = [points[k - 1]!, points[k]!];
      if (Math.abs(x1 - x2) > 0.01 && Math.abs(y1 - y2) > 0.01) problems.push(`${name} segment ${k} is slanted`);
      // Sample the segment: no point inside any box but its own ends' boxes, none in the label column.
      for (let t = 0; t <= 20; t++) {
        const [x, y] = [x1 + ((x2 - x1) * t) / 20, y1 + ((y2 - y1) * t) / 20];
        if (layout.labelColumn && x <= layout.labelColumn) problems.push(`${name} enters the label column`);
        for (const [id, box] of boxes) if (id !== edge.from && id !== edge.to && inside(box, x, y)) problems.push(`${name} crosses ${id}`);
      }
    }
  });
  graph.groups.forEach((group, b) => {
    const band = layout.bands[b]!;
    if (band.bottom - band.top + 0.5 < labelHeights[b]!) problems.push(`band ${group.title} is lower than its label`);
    for (const id of group.nodeIds) {
      const box = layout.nodes[id]!;
      if (box.y < band.top || box.y + box.height > band.bottom) problems.push(`${id} outside band ${group.title}`);
    }
  });
  const bands = [...layout.bands].sort((a, b) => a.top - b.top);
  for (let i = 1; i < bands.length; i++) if (bands[i]!.top < bands[i - 1]!.bottom) problems.push('bands overlap');
  if (layout.width > 770) problems.push(`width ${layout.width}`);
  expect([...new Set(problems)]).toEqual([]);
}

function layoutOf(graph: FlowGraph, columns: number) {
  const bandOf = new Map(graph.groups.flatMap((g, i) => g.nodeIds.map((id) => [id, i] as const)));
  const plan = planChart({ nodes: graph.nodes.map((n) => ({ id: n.id, kind: n.kind, band: bandOf.get(n.id) })), edges: graph.edges, bands: graph.groups.length }, columns);
  const spec = chartSpec(graph, {}, plan.widths);
  const heights = spec.bands.map((b) => b.labelHeight);
  return { layout: stretchBands(placeChart(spec, plan), heights), heights };
}

describe('chart layout', () => {
  it('draws every sample template on every grid without an arrow through a box or a stage label', () => {
    const seen = new Set<string>();
    for (const power of sample.powers) {
      if (seen.has(power.procedure.flow)) continue;
      seen.add(power.procedure.flow);
      const { graph } = buildPowerFlowchart(sample, power);
      for (const columns of [3, 2, 1]) {
        const { layout, heights } = layoutOf(graph, columns);
        checkGeometry(graph, layout, heights);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(5);
  });

  it('draws any template shape: random graphs with branches, skips, loops and stages', () => {
    const graphs = fc
      .record({
        size: fc.integer({ min: 2, max: 16 }),
        stages: fc.integer({ min: 1, max: 5 }),
        extra: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 20 }),
        decisions: fc.array(fc.nat(), { maxLength: 5 }),
        words: fc.array(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 8 }),
      })
      .map(({ size, stages, extra, decisions, words }): FlowGraph => {
        const ids = Array.from({ length: size }, (_, i) => `N${i}`);
        const nodes = ids.map((id, i) => ({
          id,
          label: words[i % words.length]!,
          kind: (i === 0 ? 'start' : i === size - 1 ? 'end' : decisions.includes(i) ? 'decision' : 'step') as FlowGraph['nodes'][number]['kind'],
          stage: i === 0 || i === size - 1 ? undefined : `S${Math.floor(((i - 1) * stages) / Math.max(1, size - 2))}`,
          limit: i % 3 === 1 ? '5个工作日' : undefined,
          sources: i % 2 ? ['《行政许可法》第三十二条第一款'] : [],
        }));
        const edges = ids.slice(1).map((id, i) => ({ from: ids[i]!, to: id, sources: [] as string[] }));
        for (const [a, b, labelled] of extra) edges.push({ from: ids[a % size]!, to: ids[b % size]!, sources: [], ...(labelled ? { label: words[(a + b) % words.length] } : {}) } as (typeof edges)[number]);
        const stageNames = [...new Set(nodes.map((n) => n.stage).filter((s): s is string => !!s))];
        return {
          title: '随机流程图',
          basis: '',
          nodes,
          edges,
          groups: stageNames.map((stage, i) => ({ id: `G${i + 1}`, stage, title: `${stage}（${words[i % words.length]}岗）`, nodeIds: nodes.filter((n) => n.stage === stage).map((n) => n.id) })),
        };
      });
    fc.assert(
      fc.property(graphs, fc.constantFrom(1, 2, 3), (graph, columns) => {
        const { layout, heights } = layoutOf(graph, columns);
        checkGeometry(graph, layout, heights);
      }),
      { numRuns: 150 },
    );
  });

  it('shares layouts between charts that differ only in text, and names each power in its SVG', () => {
    const renderer = createSvgRenderer();
    const svgs = sample.powers.map((p) => renderer.render({ ...buildPowerFlowchart(sample, p), contacts: p.department }));
    expect(renderer.stats.charts).toBe(sample.powers.length);
    expect(renderer.stats.layouts).toBeLessThan(sample.powers.length / 2);
    sample.powers.forEach((p, i) => {
      expect(svgs[i]!.svg).toContain(`<title id="fc-${svgs[i]!.hash.slice(0, 8)}-t">${p.name.replace(/&/g, '&amp;').replace(/</g, '&lt;')}流程图</title>`);
      expect(svgs[i]!.svg).toContain(p.department.complaint.phone);
    });
    // The Mermaid source stays the chart's description of record: same source, same file name.
    const again = createSvgRenderer().render({ graph: buildPowerFlowchart(sample, sample.powers[0]!).graph, mermaid: toMermaid(buildPowerFlowchart(sample, sample.powers[0]!).graph), contacts: sample.powers[0]!.department });
    expect(again.hash).toBe(svgs[0]!.hash);
    expect(again.svg).toBe(svgs[0]!.svg);
  });

  it('quanze flowcharts reports how many charts differ and how many layouts they share', () => {
    const r = spawnSync(process.execPath, [resolve('bin/quanze.mjs'), 'flowcharts'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const m = /^流程图：(\d+) 张，不同的 (\d+) 张，共用 (\d+) 种版式（(\d+) 种结构），用时 [\d.]+ 秒\n$/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const [charts, distinct, layouts] = [Number(m![1]), Number(m![2]), Number(m![3])];
    expect(charts).toBeGreaterThanOrEqual(sample.powers.length);
    expect(distinct).toBe(charts);
    expect(layouts).toBeLessThan(charts);
  });
});

