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

/** Printed on A4 portrait 190 mm wide (10 mm side margins), in CSS px (96 per inch): text stays at 9 pt. */
export const PRINT_WIDTH = 718;
/** Height left for a chart on a page of text (14 mm margins: 269 mm), less its title line. */
const TEXT_PAGE_ROOM = 1016 - 34;
/** Height of a chart page of its own (6 mm margins: 285 mm), less its title or 「续」 line and a safety margin. */
const CHART_PAGE_ROOM = 1077 - 40;

export interface PrintLayout {
  /** Printed size of one SVG px: the page's width, or the chart's own where narrower (text ≥ 9 pt). */
  scale: number;
  /** Where the chart breaks across pages: [top, bottom] in SVG px. */
  parts: [number, number][];
  /** True when the chart prints on pages of its own (it is longer than a page of text leaves room for). */
  ownPages: boolean;
}

/**
 * How a chart prints, always at the page's width (text ≥ 9 pt). A chart that fits a page prints
 * whole after the page's text — on the same page where there is room, else on the next. A longer
 * one prints on pages of its own with narrow margins, in as few parts as it needs, each cut at a
 * stage boundary where one is in reach (else between rows, never through a box); each further
 * part begins with a 「续」 line.
 */
export function printLayout(layout: ChartLayout, height: number): PrintLayout {
  const scale = Math.min(1, PRINT_WIDTH / layout.width);
  if (height * scale <= TEXT_PAGE_ROOM) return { scale, parts: [[0, height]], ownPages: false };
  const room = CHART_PAGE_ROOM / scale;
  const parts: [number, number][] = [];
  let top = 0;
  while (height - top > room) {
    // As few parts as the chart needs: a cut must leave no more than the remaining pages can hold.
    const pagesLeft = Math.ceil((height - top) / room) - 1;
    const fits = layout.cuts.filter((c) => c.y > top && c.y <= top + room);
    const window = fits.filter((c) => height - c.y <= pagesLeft * room);
    const cut = (window.filter((c) => c.stage).at(-1) ?? window.at(-1) ?? fits.filter((c) => c.stage && c.y > top + room * 0.6).at(-1) ?? fits.at(-1))?.y ?? top + room;
    parts.push([top, cut]);
    top = cut;
  }
  parts.push([top, height]);
  return { scale, parts, ownPages: true };
}
