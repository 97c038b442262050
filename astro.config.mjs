// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { validateContentIntegration } from './src/site/validate-integration.ts';
import { downloadsIntegration } from './src/site/downloads-integration.ts';
import { pagesWrittenIntegration } from './src/site/pages-written-integration.ts';

export default defineConfig({
  // Every page is static; search is added by pagefind after the build.
  output: 'static',
  // A per-jurisdiction build writes elsewhere (see bench/multisite.ts).
  outDir: process.env.QUANZE_OUT_DIR ?? './dist',
  trailingSlash: 'always',
  // The site-wide stylesheet is one cached file (inlined, it made every power page 8 KB heavier); small page-specific styles stay inline.
  build: { format: 'directory', inlineStylesheets: 'auto' },
  integrations: [validateContentIntegration(), pagesWrittenIntegration(), downloadsIntegration(), mdx()],
  devToolbar: { enabled: false },
});
