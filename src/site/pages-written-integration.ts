import type { AstroIntegration } from 'astro';

/**
 * Tells quanze build (through a global slot, as it runs Astro in the same process) that every page
 * is written, before Astro waits for the remaining side work: the search index can start then.
 */
const SLOT = Symbol.for('quanze.pages-written');

export function whenPagesWritten(listener: (() => void) | undefined): void {
  (globalThis as Record<symbol, unknown>)[SLOT] = listener;
}

export function pagesWrittenIntegration(): AstroIntegration {
  return {
    name: 'quanze-pages-written',
    hooks: {
      'astro:build:generated': () => {
        (globalThis as Record<symbol, unknown>)[SLOT] && ((globalThis as Record<symbol, unknown>)[SLOT] as () => void)();
      },
    },
  };
}
