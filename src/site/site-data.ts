import type { ContentHistory } from '../history/content-history.ts';
import type { RenderedFlowchart } from '../generators/flowchart/rendered-chart.ts';
import type { Model } from '../model/types.ts';

/**
 * What the pages are built from, handed to them by the site integration (integration.ts) through
 * the virtual module `virtual:quanze/site-data`.
 *
 * Why a registry here: Astro bundles the pages with Vite and then imports the bundle in the same
 * process, so the pages' copy of src/site/ is not the integration's. The virtual module imports
 * this one file from outside the bundle (it is external to Vite's build), so the bundle and the
 * integration share this module's instance, and the integration's data is passed by key rather
 * than through a global or environment variables. This file must stay free of runtime imports.
 */
export interface SiteData {
  model: Model;
  contentDir: string;
  /** The content's git history, read once on first use (quanze build passes the one it read). */
  history(): ContentHistory;
  /** In an incremental build, the powers and departments whose own pages are rendered; else all. */
  scope?: BuildScope;
  /** Charts already drawn by quanze build, by power code; the pages draw the others. */
  charts?: ReadonlyMap<string, RenderedFlowchart>;
}

export interface BuildScope {
  powers: ReadonlySet<string>;
  departments: ReadonlySet<string>;
}

const registered = new Map<string, SiteData>();
let next = 0;

/** Registers the data of one Astro run; the key is what the virtual module's code names. */
export function registerSiteData(data: SiteData): string {
  const key = `site-${++next}`;
  registered.set(key, data);
  return key;
}

export function siteDataFor(key: string): SiteData {
  const data = registered.get(key);
  if (!data) throw new Error(`The site data ${key} is not registered: the pages were bundled by another process.`);
  return data;
}

export function releaseSiteData(key: string): void {
  registered.delete(key);
}
