// @vitest-environment happy-dom
// happy-dom gives the official mermaid parser the DOM it expects; rendering itself is not used here.
import { resolve } from 'node:path';
import fc from 'fast-check';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { checkContentAt } from '../src/model/check.ts';
import { buildPowerFlowchart } from '../src/generators/flowchart/index.ts';
import { escapeLabel, toMermaid } from '../src/generators/flowchart/mermaid-source.ts';
import type { FlowGraph } from '../src/generators/flowchart/graph.ts';
import { createSvgRenderer } from '../src/generators/flowchart/render-svg.ts';
import { parseArticleReference } from '../src/lib/statute.ts';
import { parseChineseNumber, toChineseNumber } from '../src/lib/chinese-numerals.ts';

const sample = checkContentAt(resolve('content')).model!;

describe('sample flowcharts', () => {
  it('every power has a chart the official mermaid parser accepts, with every stage in order', async () => {
    for (const power of sample.powers) {
      const chart = buildPowerFlowchart(sample, power);
      await expect(mermaid.parse(chart.mermaid), power.code).resolves.toBeTruthy();
      // The parser reads the accessible title and description: the power's name and its steps.
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(chart.mermaid);
      const db = diagram.db as unknown as { getAccTitle(): string; getAccDescription(): string };
      expect(db.getAccTitle(), power.code).toBe(escapeLabel(`${power.name}流程图`));
      expect(db.getAccDescription(), power.code).toContain(`共${toChineseNumber(chart.graph.nodes.length)}个步骤`);
      const stages = power.stages.filter((s) => !s.isOther).map((s) => s.stage);
      expect(chart.graph.groups.map((g) => g.stage), power.code).toEqual(stages);
      // Along the chart's own order of steps, each stage first appears in the stage table's order.
      const firstSeen = [...new Set(chart.steps.map((s) => chart.graph.groups.find((g) => g.title === s.group)?.stage).filter(Boolean))];
      expect(firstSeen, power.code).toEqual(stages);
    }
  });

  it('every statutory citation in the flow templates names an existing article of a law in the registry', () => {
    let checked = 0;
    for (const flow of sample.flows.values()) {
      for (const ref of [...flow.nodes, ...flow.edges].flatMap((x) => x.basis)) {
        const law = sample.laws.get(ref.law);
        expect(law, `${flow.id} ${ref.law}`).toBeDefined();
        const count = law!.latest.articles;
        expect(count, `${ref.law} has an article count`).toBeGreaterThan(0);
        const n = parseChineseNumber(parseArticleReference(ref.article)!.article.replace(/^第|条.*$/g, ''))!;
        expect(n, `${flow.id} ${ref.law}${ref.article}`).toBeLessThanOrEqual(count!);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('escaping user text in charts', () => {
  const graphWith = (label: string, title: string): FlowGraph => ({
    title,
    basis: '',
    nodes: [
      { id: 'S0', label: '开始', kind: 'start', sources: [] },
      { id: 'A', label, kind: 'step', stage: 'x', sources: [] },
      { id: 'B', label, kind: 'decision', stage: 'x', sources: [] },
      { id: 'E0', label: '结束', kind: 'end', sources: [] },
    ],
    edges: [
      { from: 'S0', to: 'A', sources: [] },
      { from: 'A', to: 'B', label, sources: [] },
      { from: 'B', to: 'E0', sources: [] },
    ],
    groups: [{ id: 'G1', stage: 'x', title, nodeIds: ['A', 'B'] }],
  });

  it('keeps any text inside its label: the official parser accepts the chart and sees exactly its nodes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 20 }), async (label, title) => {
        const source = toMermaid(graphWith(label, title));
        expect(await mermaid.parse(source)).toBeTruthy();
        const nodeLines = source.split('\n').filter((l) => /^\s+[A-Z]\w*[[({]/.test(l));
        expect(nodeLines.map((l) => l.trim().match(/^\w+/)![0])).toEqual(['S0', 'E0', 'A', 'B']);
      }),
      { numRuns: 200 },
    );
  }, 180_000);

  it('leaves no markup-significant character in a label', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(escapeLabel(text)).not.toMatch(/[<>&"'`#;\[\]{}()|%\\\n\r]|-->/);
      }),
    );
  });

  it('renders hostile labels to an SVG without markup injection or outside requests', () => {
    const hostile = '<script>alert(1)</script>"]; A-->B; %%{init}%% <img src=x onerror=alert(1)> https://evil.example/';
    const graph = { ...graphWith(hostile, hostile), title: hostile };
    const { svg } = createSvgRenderer().render({ graph, mermaid: toMermaid(graph), contacts: { service: { org: hostile, phone: '<b>' }, complaint: { org: '&amp;', phone: '"' } } });
    // Parsed as the browser parses an SVG file: well-formed, only drawing elements, no event
    // handlers or links, and the hostile text is text.
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const elements = [...doc.querySelectorAll('*')];
    expect(new Set(elements.map((e) => e.tagName.toLowerCase()))).toEqual(new Set(['svg', 'title', 'desc', 'style', 'defs', 'marker', 'path', 'rect', 'text']));
    const attributes = elements.flatMap((e) => [...e.attributes].map((a) => `${a.name}=${a.value}`));
    expect(attributes.filter((a) => /^(on|href|xlink:href|src)/i.test(a) || /url\((?!#fc-)/.test(a))).toEqual([]);
    expect(doc.querySelector('title')!.textContent).toBe(hostile);
    expect(svg).not.toContain('<script');
  });
});
