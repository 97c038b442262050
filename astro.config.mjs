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
  build: { format: 'directory', inlineStylesheets: 'always' },
  integrations: [validateContentIntegration(), pagesWrittenIntegration(), downloadsIntegration(), mdx()],
  devToolbar: { enabled: false },
});
