import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMermaidSVG } from 'beautiful-mermaid';

/**
 * The one place that turns Mermaid source into SVG. It uses beautiful-mermaid (pure JS, no
 * browser, ~35 ms a chart), removes the web-font @import it embeds (an outside request many
 * readers cannot reach), and caches by content hash in memory and, when given a folder, on disk
 * across builds, so identical charts are laid out once.
 */
export interface SvgRendererOptions {
  cacheDir?: string;
}

const FONT = 'Noto Sans CJK SC';
const RENDERER_VERSION = 'bm-1.1.3-r2';

/** Where rendered charts are kept between builds (kept by CI caches of node_modules). */
export const DEFAULT_FLOWCHART_CACHE = 'node_modules/.cache/quanze-flowcharts';

/** Content hash of a chart: the Mermaid source and the renderer version. */
export function chartHash(source: string): string {
  return createHash('sha256').update(RENDERER_VERSION).update('\0').update(source).digest('hex').slice(0, 32);
}

/** Lays out one chart (the slow step, ~35 ms) and cleans the SVG. */
export function renderSvg(source: string): string {
  return cleanSvg(renderMermaidSVG(source, { font: FONT }));
}

export interface RenderedSvg {
  /** Content hash of the Mermaid source (and renderer version): a stable file name. */
  hash: string;
  svg: string;
  width: number;
  height: number;
}

function sizeOf(svg: string): { width: number; height: number } {
  const m = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"/.exec(svg);
  return { width: Math.round(Number(m?.[1] ?? 0)), height: Math.round(Number(m?.[2] ?? 0)) };
}

export function createSvgRenderer(options: SvgRendererOptions = {}) {
  const memory = new Map<string, string>();
  const stats = { rendered: 0, memoryHits: 0, diskHits: 0 };
  if (options.cacheDir) mkdirSync(options.cacheDir, { recursive: true });

  function render(source: string, title: string): RenderedSvg {
    const hash = chartHash(source);
    let svg = memory.get(hash);
    if (svg) stats.memoryHits++;
    else {
      const file = options.cacheDir ? join(options.cacheDir, `${hash}.svg`) : undefined;
      if (file && existsSync(file)) {
        svg = readFileSync(file, 'utf8');
        stats.diskHits++;
      } else {
        svg = renderSvg(source);
        stats.rendered++;
        if (file) writeFileSync(file, svg);
      }
      memory.set(hash, svg);
    }
    return { hash, svg: withTitle(svg, title, hash), ...sizeOf(svg) };
  }

  return { render, stats };
}

/** Strips outside requests and checks the renderer produced a real picture. */
export function cleanSvg(svg: string): string {
  const cleaned = minifySvg(svg.replace(/@import\s+url\([^)]*\)\s*;?/g, ''));
  if (/viewBox="0 0 0 0"/.test(cleaned) || !/<svg[\s>]/.test(cleaned)) {
    throw new Error('flowchart renderer produced an empty SVG (node or subgraph ids must be ASCII)');
  }
  if (/https?:\/\//.test(cleaned.replace(/xmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, ''))) {
    throw new Error('flowchart SVG still refers to an outside host');
  }
  return cleaned;
}

/**
 * Shrinks the renderer's output to about half: coordinates to one decimal (a tenth of a pixel is
 * invisible), no data-* debugging attributes, no comments or indentation.
 */
export function minifySvg(svg: string): string {
  return svg
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s(data-[\w-]+)="[^"]*"/g, '')
    .replace(/="([^"]*)"/g, (_, value: string) => `="${value.replace(/\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10))}"`)
    .replace(/>\s+</g, '><')
    .replace(/\n\s*/g, ' ');
}

/** Gives the SVG an accessible name; the id keeps several charts on one page apart. */
function withTitle(svg: string, title: string, hash: string): string {
  const id = `fc-${hash.slice(0, 10)}`;
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return svg.replace(/<svg\b([^>]*)>/, `<svg$1 role="img" aria-labelledby="${id}"><title id="${id}">${escaped}</title>`);
}
