import type { ContentHistory } from '../history/content-history.ts';
import type { ChartOnPage } from '../generators/flowchart/rendered-chart.ts';
import type { Model } from '../model/types.ts';

/**
 * What the pages are built from, handed to them by the site integration (integration.ts) through
 * the virtual module `virtual:quanze/site-data`.
 *
 * Why a registry here: Astro bundles the pages with Vite and then imports the bundle in the same
 * process, so the pages' copy of src/site/ is not the integration's. In a build the virtual module
 * imports this one file from outside the bundle (it is external to Vite's build), so the bundle and
 * the integration share this module's instance; the dev server runs the pages in Vite's module
 * runner, and the integration provides the data to the runner's instance of this file. Either way
 * the data is passed by key, not through a global or environment variables. This file must stay
 * free of runtime imports (Node loads it as it is).
 */
export interface SiteData {
  model: Model;
  contentDir: string;
  /** The content's git history, read once on first use (quanze build passes the one it read). */
  history(): ContentHistory;
  /** In an incremental build, the powers and departments whose own pages are rendered; else all. */
  scope?: BuildScope;
  /**
   * Given by quanze build: the charts it drew, by power code, as the pages show them — it writes
   * every chart file itself (those of the powers rendered and the standard charts), so the
   * flowcharts route then serves none. Without it the pages draw the charts and the route serves them.
   */
  charts?: ReadonlyMap<string, ChartOnPage>;
}

export interface BuildScope {
  powers: ReadonlySet<string>;
  departments: ReadonlySet<string>;
}

const registered = new Map<string, SiteData>();

/** Provides the data of one Astro run under the key the virtual module's code names. */
export function provideSiteData(key: string, data: SiteData): void {
  registered.set(key, data);
}

export function siteDataFor(key: string): SiteData {
  const data = registered.get(key);
  if (!data) throw new Error(`The site data ${key} is not provided: the pages were bundled by another process.`);
  return data;
}

export function releaseSiteData(key: string): void {
  registered.delete(key);
}
