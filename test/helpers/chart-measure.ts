import { execFileSync } from 'node:child_process';
import type { Locator, Page } from 'playwright-core';

/** WCAG 2 contrast ratio of two sRGB colours given as [r, g, b] in 0–255. */
export function contrastRatio(a: number[], b: number[]): number {
  const luminance = (c: number[]) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

export interface ChartMeasure {
  texts: number;
  /** Smallest text on screen, in CSS px: computed font size times the SVG's scale on the page. */
  minFontPx: number;
  /** Computed colours: text fills, line and border strokes, and the fills they sit on. */
  inks: { what: string; color: number[] }[];
  grounds: number[][];
  /** Thinnest line or border on screen, in CSS px. */
  minStrokePx: number;
}

/**
 * Measures a chart as the browser shows it: the SVG file behind an <img> is put inline over the
 * image at the image's displayed size, so its computed styles and screen transform can be read.
 * Written as source text: the test runner would otherwise rewrite the function for Node.
 */
export async function measureChart(page: Page, image: Locator): Promise<ChartMeasure> {
  await image.evaluate((img) => img.setAttribute('data-measure', ''));
  return page.evaluate(
    `(async () => {
      const img = document.querySelector('[data-measure]');
      img.removeAttribute('data-measure');
      const svgText = await (await fetch(img.currentSrc || img.src)).text();
      const box = img.getBoundingClientRect();
      const holder = document.createElement('div');
      holder.style.cssText = 'position:fixed;left:' + box.left + 'px;top:0;width:' + box.width + 'px;z-index:1000;';
      holder.innerHTML = svgText;
      document.body.appendChild(holder);
      const svg = holder.querySelector('svg');
      svg.setAttribute('width', String(box.width));
      svg.removeAttribute('height');
      const rgb = (s) => (s.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
      const texts = [...svg.querySelectorAll('text')];
      const scaleOf = (el) => el.getScreenCTM().a;
      const minFontPx = Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scaleOf(t)));
      const inks = texts.map((t) => ({ what: 'text ' + t.textContent, color: rgb(getComputedStyle(t).fill) }));
      let minStrokePx = Infinity;
      const grounds = [];
      for (const el of svg.querySelectorAll('path, rect')) {
        if (el.closest('marker')) continue;
        const style = getComputedStyle(el);
        if (style.stroke !== 'none' && parseFloat(style.strokeWidth) > 0) {
          inks.push({ what: el.tagName + ' stroke', color: rgb(style.stroke) });
          minStrokePx = Math.min(minStrokePx, parseFloat(style.strokeWidth) * scaleOf(el));
        }
        if (style.fill !== 'none' && !(style.fillOpacity === '0')) grounds.push(rgb(style.fill));
      }
      holder.remove();
      return { texts: texts.length, minFontPx, inks, grounds, minStrokePx };
    })()`,
  ) as Promise<ChartMeasure>;
}

/** Words on each page of a PDF with their boxes in pt (poppler's pdftotext -bbox). */
export function pdfWords(file: string): { width: number; height: number; words: { text: string; xMin: number; xMax: number; yMin: number; yMax: number }[] }[] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return xml.split('<page ').slice(1).map((chunk) => {
    const [, width, height] = /width="([\d.]+)" height="([\d.]+)"/.exec(chunk)!;
    const words = [...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      // Fonts map some ideographs to their compatibility forms (⼈ for 人): compare normalised text.
      text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').normalize('NFKC'),
    }));
    return { width: Number(width), height: Number(height), words };
  });
}
