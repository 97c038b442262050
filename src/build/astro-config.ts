import mdx from '@astrojs/mdx';
import type { AstroUserConfig } from 'astro';
import { siteIntegration, type SiteOptions } from '../site/integration.ts';
import { downloadsIntegration } from './downloads-integration.ts';
import type { DownloadsJob } from './downloads-job.ts';

/**
 * The site's Astro configuration, from explicit options: astro.config.mjs makes it for `astro
 * build`/`astro dev` (reading the environment there), quanze build makes it with the model,
 * history, scope and charts it already has (src/build/site-build.ts).
 */
export interface AstroConfigOptions extends SiteOptions {
  outDir: string;
  downloads?: DownloadsJob;
}

export function astroConfig(options: AstroConfigOptions): AstroUserConfig {
  const site = siteIntegration(options);
  return {
    // Every page is static; search is added by pagefind after the build.
    output: 'static',
    outDir: options.outDir,
    trailingSlash: 'always',
    // The site-wide stylesheet is one cached file (inlined, it made every power page 8 KB heavier); small page-specific styles stay inline.
    // Pages in flight at once: rendering is one thread either way, but each page also waits for its
    // folder and file to be written (measured at 10,000 powers: about 10 s of a full build, one page at a time).
    build: { format: 'directory', inlineStylesheets: 'auto', concurrency: 8 },
    integrations: [site, downloadsIntegration({ contentDir: options.contentDir, job: options.downloads, model: site.model }), mdx()],
    devToolbar: { enabled: false },
  };
}
