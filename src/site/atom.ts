import type { CommitSummary } from '../history/content-history.ts';
import { escapeHtml } from '../generators/diff/render-html.ts';

/**
 * An Atom feed of the 变更记录: one entry per commit that changed powers, newest first. Ids are
 * stable (the commit hash); links are site-relative, resolved against the feed's own address.
 */
export function changesFeed(options: { title: string; path: string; commits: CommitSummary[]; powerUrl: (code: string) => string; updated?: string }): string {
  const KIND = { added: '列入清单', modified: '修改', renamed: '移动', removed: '移出清单' } as const;
  const entries = options.commits.slice(0, 100).map((c) => {
    const items = c.revisions
      .map((r) => `<li>${KIND[r.kind]}：${r.kind === 'removed' ? escapeHtml(r.name) : `<a href="${options.powerUrl(r.code)}">${escapeHtml(r.name)}</a>`}${r.changeNote ? `（${escapeHtml(r.changeNote)}）` : ''}${r.changes.length ? `，${r.changes.length} 处变化` : ''}</li>`)
      .join('');
    return `  <entry>
    <id>urn:quanze:commit:${c.hash}</id>
    <title>${escapeHtml(c.subject)}</title>
    <updated>${c.date}T00:00:00Z</updated>
    <link rel="alternate" type="text/html" href="/changes/#d-${c.date}"/>
    <content type="html">${escapeHtml(`<ul>${items}</ul>`)}</content>
  </entry>`;
  });
  const updated = options.updated ?? options.commits[0]?.date ?? '1970-01-01';
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>urn:quanze:feed:${options.path}</id>
  <title>${escapeHtml(options.title)}</title>
  <updated>${updated}T00:00:00Z</updated>
  <link rel="self" href="${options.path}"/>
  <link rel="alternate" type="text/html" href="/changes/"/>
${entries.join('\n')}
</feed>
`;
}
