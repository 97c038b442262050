import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { isRunnableDevEnvironment, type Plugin } from 'vite';
import { checkContentAt } from '../model/check.ts';
import { formatFinding } from '../model/findings.ts';
import type { Model } from '../model/types.ts';
import { readContentHistory, type ContentHistory } from '../history/content-history.ts';
import { recordNamesFor } from '../generators/diff/record-fields.ts';
import type { ChartOnPage } from '../generators/flowchart/rendered-chart.ts';
import { feedingPrerenderer, type PageSink } from '../build/prerender-feed.ts';
import { provideSiteData, releaseSiteData, type BuildScope, type SiteData } from './site-data.ts';

/**
 * The one Astro integration of the site. It takes everything explicitly: the content folder and,
 * from quanze build, the model it validated, the history it read, the scope of an incremental
 * build and the charts it drew. Run by `astro build`/`astro dev` alone (astro.config.mjs), it
 * validates the content itself before Astro reads anything, and refuses to build on an error:
 * every finding is reported with its line, so a list is never published with entries missing.
 * The pages get their data from the virtual module `virtual:quanze/site-data` (see site-data.ts).
 */
export interface SiteOptions {
  contentDir: string;
  model?: Model;
  history?: ContentHistory;
  scope?: BuildScope;
  charts?: ReadonlyMap<string, ChartOnPage>;
  /** Called when every page is written, before Astro finishes its other work (quanze build indexes search then). */
  onPagesWritten?: () => void;
  /** Told of pages as they are rendered, and which go first (quanze build indexes search meanwhile). */
  pageSink?: PageSink;
}

export interface SiteIntegration extends AstroIntegration {
  /** The validated model (available from astro:config:setup on). */
  model(): Model;
}

export const SITE_DATA_MODULE = 'virtual:quanze/site-data';
const RESOLVED_SITE_DATA = `\0${SITE_DATA_MODULE}`;
/** What the virtual module imports the data from: site-data.ts, outside the bundle in a build. */
const SITE_DATA_REGISTRY = 'quanze:site-data-registry';
const SITE_DATA_URL = new URL('./site-data.ts', import.meta.url);
/** One key per integration instance (several sites may be built in one process, one after another). */
let instances = 0;

export function siteIntegration(options: SiteOptions): SiteIntegration {
  let data: SiteData | undefined;
  const key = `site-${++instances}`;
  return {
    name: 'quanze-site',
    model: () => {
      if (!data) throw new Error('The site integration has not set up yet.');
      return data.model;
    },
    hooks: {
      'astro:config:setup': ({ command, logger, updateConfig }) => {
        const model = options.model ?? validatedModel(options.contentDir, logger);
        let history = options.history;
        data = {
          model,
          contentDir: options.contentDir,
          scope: options.scope,
          charts: options.charts,
          history: () => (history ??= readContentHistory(options.contentDir, (id) => model.laws.get(id)?.short ?? id, recordNamesFor(model))),
        };
        provideSiteData(key, data);
        updateConfig({ vite: { plugins: [siteDataPlugin(key, command === 'dev')] } });
      },
      // The dev server runs the pages in Vite's module runner, with its own instance of site-data.ts.
      'astro:server:setup': async ({ server }) => {
        const ssr = server.environments.ssr;
        if (!data || !ssr || !isRunnableDevEnvironment(ssr)) throw new Error('The site integration needs a runnable server environment.');
        const registry = (await ssr.runner.import(fileURLToPath(SITE_DATA_URL))) as typeof import('./site-data.ts');
        registry.provideSiteData(key, data);
      },
      'astro:build:start': ({ setPrerenderer }) => {
        if (options.pageSink) setPrerenderer(feedingPrerenderer(options.pageSink));
      },
      'astro:build:generated': () => options.onPagesWritten?.(),
      'astro:build:done': () => releaseSiteData(key),
    },
  };
}

function validatedModel(contentDir: string, logger: AstroIntegrationLogger): Model {
  const result = checkContentAt(contentDir);
  const errors = result.findings.filter((f) => f.severity === 'error');
  const warnings = result.findings.length - errors.length;
  if (errors.length || !result.model) {
    const report = result.findings.map(formatFinding).join('\n');
    throw new Error(`内容校验未通过（${errors.length} 个错误，${warnings} 个警告），已停止构建：\n${report}`);
  }
  logger.info(`内容校验通过：${result.model.powers.length} 个事项，${warnings} 个警告`);
  return result.model;
}

function siteDataPlugin(key: string, dev: boolean): Plugin {
  return {
    name: 'quanze-site-data',
    // Before Vite's own resolver, which would bundle site-data.ts instead of leaving it external.
    enforce: 'pre',
    resolveId(id) {
      if (id === SITE_DATA_MODULE) return RESOLVED_SITE_DATA;
      if (id === SITE_DATA_REGISTRY) return dev ? fileURLToPath(SITE_DATA_URL) : { id: SITE_DATA_URL.href, external: true };
      return undefined;
    },
    load(id) {
      if (id !== RESOLVED_SITE_DATA) return undefined;
      return `import { siteDataFor } from ${JSON.stringify(SITE_DATA_REGISTRY)};\nexport default siteDataFor(${JSON.stringify(key)});\n`;
    },
  };
}
