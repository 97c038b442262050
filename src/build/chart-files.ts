import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartOnPage, type ChartOnPage, type RenderedFlowchart } from '../generators/flowchart/rendered-chart.ts';

/** The folder of the chart files in the site, as the flowcharts route and flowchartUrl (src/site/data.ts) name them. */
const FOLDER = 'flowcharts';

/**
 * The flowchart files quanze build draws: each chart's SVG and Mermaid source once, by hash,
 * written into the output after Astro (which empties the output folder first, and whose
 * generation loop took about 8 s for the 20,000 files of 10,000 powers when it wrote them). The
 * pages get only what they show of each chart (ChartOnPage).
 *
 * Kept meanwhile as UTF-8 bytes, outside the JavaScript heap: the SVG and Mermaid text of 10,000
 * charts is about 0.4 GB of strings, and with the charts' graphs a large part of what every full
 * garbage collection during Astro's run went through. Measured at 10,000 powers, one traced cold
 * build each: the main thread's incremental marking 9.0 s → 4.3 s, its live heap 690 → 350 MB.
 * Writing the files while the charts are drawn instead put 4 s of writing before Astro started.
 */
export class ChartFiles {
  private readonly files = new Map<string, { svg: Buffer; mermaid: Buffer }>();

  /** Keeps the chart's files (once per hash) and gives what its page shows. */
  add(chart: RenderedFlowchart): ChartOnPage {
    const { hash, svg } = chart.image;
    if (!this.files.has(hash)) this.files.set(hash, { svg: Buffer.from(svg), mermaid: Buffer.from(chart.mermaid) });
    return chartOnPage(chart);
  }

  /** Writes the files into the output folder `site`, beside any already there (no folder for no charts). */
  write(site: string): void {
    if (!this.files.size) return;
    const dir = join(site, FOLDER);
    mkdirSync(dir, { recursive: true });
    for (const [hash, { svg, mermaid }] of this.files) {
      writeFileSync(join(dir, `${hash}.svg`), svg);
      writeFileSync(join(dir, `${hash}.mmd`), mermaid);
    }
  }
}
