import type { AstroPrerenderer, PathWithRoute } from 'astro';

/**
 * Told of pages as Astro renders them, and choosing which are rendered first: quanze build indexes
 * the search pages while Astro renders the rest (src/build/search-index-feed.ts).
 */
export interface PageSink {
  /**
   * Given the file of every page Astro is about to render (relative to the output folder), the
   * ranks of those to render first, lowest first; the others follow in Astro's order.
   */
  plan(pages: string[]): ReadonlyMap<string, number>;
  /** A ranked page's HTML: the bytes Astro writes, as UTF-8 text. */
  page(rel: string, html: string): void;
}

/** The file a page route writes with build.format 'directory' (pathname: '/powers/X' or '/powers/X/'). */
export function pageFile(pathname: string): string {
  const path = decodeURI(pathname).replace(/^\/+|\/+$/g, '');
  return path ? `${path}/index.html` : 'index.html';
}

/**
 * Astro's own prerenderer (public integration API: setPrerenderer in astro:build:start), with the
 * sink's pages moved to the front and handed to the sink as they are rendered. Only a path's
 * first route is moved: when two routes make the same path, the one Astro would have rendered
 * first still does (and wins).
 */
export function feedingPrerenderer(sink: PageSink): (astro: AstroPrerenderer) => AstroPrerenderer {
  return (astro) => {
    let ranks: ReadonlyMap<string, number> = new Map();
    return {
      name: 'quanze:feeding',
      setup: () => astro.setup?.() ?? Promise.resolve(),
      teardown: () => astro.teardown?.() ?? Promise.resolve(),
      collectStaticImages: astro.collectStaticImages && (() => astro.collectStaticImages!()),
      async getStaticPaths() {
        const paths = await astro.getStaticPaths();
        const files = paths.map((p) => (p.route.type === 'page' ? pageFile(p.pathname) : undefined));
        ranks = sink.plan(files.filter((f): f is string => f !== undefined));
        const seen = new Set<string>();
        const ranked: { path: PathWithRoute; rank: number }[] = [];
        const rest: PathWithRoute[] = [];
        paths.forEach((path, i) => {
          const file = files[i];
          const rank = file === undefined || seen.has(file) ? undefined : ranks.get(file);
          if (file !== undefined) seen.add(file);
          if (rank === undefined) rest.push(path);
          else ranked.push({ path, rank });
        });
        return [...ranked.sort((a, b) => a.rank - b.rank).map((r) => r.path), ...rest];
      },
      async render(request, options) {
        const pathname = decodeURI(new URL(request.url).pathname);
        const result = await astro.render(request, options);
        const file = options.routeData.type === 'page' ? pageFile(pathname) : undefined;
        if (file === undefined || !ranks.has(file)) return result;
        const response = result instanceof Response ? result : result.response;
        if (response.status !== 200 || !response.body) return result;
        const bytes = Buffer.from(await response.arrayBuffer());
        sink.page(file, bytes.toString('utf8'));
        const copy = new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
        return result instanceof Response ? copy : { ...result, response: copy };
      },
    };
  };
}
