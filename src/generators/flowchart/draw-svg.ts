import type { ChartSpec, SpecNode } from './chart-spec.ts';
import { escapeXml, FONT_SIZE, LINE_HEIGHT, wrapText } from './chart-text.ts';
import type { ChartLayout } from './layout.ts';

/**
 * Places a chart's text into its shape's layout: plain string templating, a fraction of a
 * millisecond a chart. The style follows GB/T 1526 and what official 行政执法流程图 look like:
 * rounded terminals for start and end, rectangles for steps, diamonds for decisions, near-black
 * 1.5 px lines and borders on white (or a light grey stage band), one text size throughout.
 */
export const INK = '#1a1a1a';
export const BAND_FILL = '#f0f0f0';
const FONTS = `"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","Hiragino Sans GB",sans-serif`;
const STYLE =
  `text{font-family:${FONTS};font-size:${FONT_SIZE}px;fill:${INK}}` +
  `.s{font-weight:700}.l{fill:none;stroke:${INK};stroke-width:1.5}` +
  `.b{fill:#fff;stroke:${INK};stroke-width:1.5}.g{fill:${BAND_FILL}}.r{fill:none;stroke:${INK};stroke-width:1.5}.t{fill:#fff}`;
const FOOT_GAP = 10;

const n1 = (v: number) => String(Math.round(v * 10) / 10);

function shape(node: SpecNode, box: ChartLayout['nodes'][string]): string {
  const { x, y, width: w, height: h } = box;
  if (node.kind === 'decision') {
    const cx = x + w / 2;
    const cy = y + h / 2;
    return `<path class="b" d="M${n1(cx)} ${n1(y)}L${n1(x + w)} ${n1(cy)}L${n1(cx)} ${n1(y + h)}L${n1(x)} ${n1(cy)}Z"/>`;
  }
  const radius = node.kind === 'step' ? 0 : Math.min(h / 2, 20);
  return `<rect class="b" x="${n1(x)}" y="${n1(y)}" width="${n1(w)}" height="${n1(h)}"${radius ? ` rx="${n1(radius)}"` : ''}/>`;
}

function lines(texts: { text: string; strong?: boolean }[], cx: number, cy: number): string {
  const top = cy - (texts.length * LINE_HEIGHT) / 2;
  return texts
    .map((t, i) => `<text x="${n1(cx)}" y="${n1(top + i * LINE_HEIGHT + LINE_HEIGHT / 2)}" text-anchor="middle" dominant-baseline="central"${t.strong ? ' class="s"' : ''}>${escapeXml(t.text)}</text>`)
    .join('');
}

export interface DrawnChart {
  svg: string;
  width: number;
  height: number;
}

export function drawChart(spec: ChartSpec, layout: ChartLayout, id: string): DrawnChart {
  const { width } = layout;
  const foot = spec.foot.flatMap((line) => wrapText(line, width - 16));
  const height = layout.height + (foot.length ? FOOT_GAP + foot.length * LINE_HEIGHT + 8 : 0);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d">`,
    `<title id="${id}-t">${escapeXml(spec.title)}</title><desc id="${id}-d">${escapeXml(spec.description)}</desc>`,
    `<style>${STYLE}</style>`,
    `<defs><marker id="${id}-a" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L10 5L0 10Z" fill="${INK}"/></marker></defs>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  );
  // Stage bands: alternate grey and white, the stage and its post in the left column.
  layout.bands.forEach((band, i) => {
    if (i % 2 === 0) out.push(`<rect class="g" x="0" y="${n1(band.top)}" width="${width}" height="${n1(band.bottom - band.top)}"/>`);
    out.push(`<path class="r" d="M0 ${n1(band.top)}H${width}M0 ${n1(band.bottom)}H${width}"/>`);
    out.push(lines(spec.bands[i]!.label.map((text) => ({ text, strong: true })), layout.labelColumn / 2, (band.top + band.bottom) / 2));
  });
  if (layout.bands.length) {
    const top = Math.min(...layout.bands.map((b) => b.top));
    const bottom = Math.max(...layout.bands.map((b) => b.bottom));
    out.push(`<path class="r" d="M${layout.labelColumn} ${n1(top)}V${n1(bottom)}"/>`);
  }
  spec.edges.forEach((_, i) => {
    const points = layout.edges[i]!.points;
    out.push(`<path class="l" d="M${points.map(([x, y]) => `${n1(x)} ${n1(y)}`).join('L')}" marker-end="url(#${id}-a)"/>`);
  });
  for (const node of spec.nodes) {
    const box = layout.nodes[node.id]!;
    out.push(shape(node, box), lines(node.lines, box.x + box.width / 2, box.y + box.height / 2));
  }
  // Arrow labels on a white tag over their arrow, just above the box the arrow enters.
  spec.edges.forEach((edge, i) => {
    const at = layout.edges[i]!.label;
    if (!at || !edge.label.length) return;
    out.push(`<rect class="t" x="${n1(at.x - edge.labelWidth / 2)}" y="${n1(at.y)}" width="${edge.labelWidth}" height="${edge.labelHeight}"/>`);
    out.push(lines(edge.label.map((text) => ({ text })), at.x, at.y + edge.labelHeight / 2));
  });
  if (foot.length) {
    out.push(`<path class="r" d="M0 ${n1(layout.height + 2)}H${width}"/>`);
    foot.forEach((line, i) => out.push(`<text x="8" y="${n1(layout.height + FOOT_GAP + i * LINE_HEIGHT + LINE_HEIGHT / 2)}" dominant-baseline="central">${escapeXml(line)}</text>`));
  }
  out.push('</svg>');
  return { svg: out.join(''), width, height };
}

/** Printed on A4 portrait within margins of 14 mm (top, bottom) and 10 mm (sides): 190 × 269 mm, in CSS px (96 per inch). */
export const PRINT_WIDTH = 718;
const PRINT_HEIGHT = 1016;
/** Room on the chart's first page for its title line. */
const HEADING = 34;
/** Text is 13 px; on paper it stays at 8 pt or more. */
const TEXT_PX = 13;
const MIN_SCALE = 8 / (TEXT_PX * 0.75);

export interface PrintLayout {
  /** Printed size of one SVG px. */
  scale: number;
  /** The chart's bands, [top, bottom] in SVG px: one per stage, or per rows of a stage taller than a page. */
  parts: [number, number][];
}

/**
 * How a chart prints: at the page's width (text ≈ 9 pt), or smaller down to 8 pt where that keeps
 * it on one page. It prints as a stack of bands cut at stage boundaries, each kept whole on a page,
 * so the chart follows the page's text where there is room and breaks only between stages (where
 * a stage is taller than a page, between its rows), never through a box. Every band carries its
 * stage's name in the chart's left column, so a band at the top of a page says where it belongs.
 */
export function printLayout(layout: ChartLayout, height: number): PrintLayout {
  const widest = Math.min(1, PRINT_WIDTH / layout.width);
  const scale = Math.max(MIN_SCALE, Math.min(widest, (PRINT_HEIGHT - HEADING) / height));
  const pageRoom = PRINT_HEIGHT / scale;
  const stages = [0, ...layout.cuts.filter((c) => c.stage && c.y < height).map((c) => c.y), height];
  const parts: [number, number][] = [];
  for (let i = 0; i + 1 < stages.length; i++) {
    let top = stages[i]!;
    const bottom = stages[i + 1]!;
    if (bottom <= top) continue;
    while (bottom - top > pageRoom) {
      const cut = layout.cuts.filter((c) => c.y > top && c.y <= top + pageRoom).at(-1)?.y ?? top + pageRoom;
      parts.push([top, cut]);
      top = cut;
    }
    parts.push([top, bottom]);
  }
  return { scale, parts };
}
