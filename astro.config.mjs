// @ts-check
import { resolve } from 'node:path';
import { defineConfig } from 'astro/config';
import { astroConfig } from './src/build/astro-config.ts';

// `astro build`/`astro dev` alone: the content folder and the output are chosen here, at the edge
// (a per-jurisdiction build sets QUANZE_CONTENT and QUANZE_OUT_DIR, see bench/multisite.ts).
// quanze build does not read this file: it passes its own options (src/build/site-build.ts).
export default defineConfig(astroConfig({ contentDir: resolve(process.env.QUANZE_CONTENT ?? 'content'), outDir: process.env.QUANZE_OUT_DIR ?? './dist' }));
