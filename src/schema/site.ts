import { z } from 'zod';

/** content/site.yaml: settings of the published site. */
export const siteSchema = z
  .strictObject({
    title: z.string().min(1).meta({ title: '站点名称', description: '页眉和页面标题中显示的名称。必填。' }),
    sample: z.boolean().default(false).meta({ title: '示例数据', description: '为 true 时每页显示“示例数据”提示。' }),
    url: z
      .url({ protocol: /^https?$/, error: 'url 应为本站的完整网址，例如 https://qzqd.zhengzhou.gov.cn/' })
      .optional()
      .meta({ title: '站点网址', description: '本站对外的完整网址；变更订阅（Atom）中的链接据此写成完整网址。' }),
    edit_url: z
      .url({ protocol: /^https?$/, error: 'edit_url 应为以 http:// 或 https:// 开头的完整网址，以 / 结尾' })
      .optional()
      .meta({ title: '编辑地址', description: '内容仓库的文件编辑地址前缀；填写后事项页显示“编辑此事项”。' }),
    merge_search: z
      .array(
        z.union(
          [
            z.url({ protocol: /^https?$/ }),
            // A site-relative path (another jurisdiction served from the same host).
            z.string().regex(/^\/(?![\/\\])[^\s"'<>\\]*$/),
          ],
          { error: 'merge_search 中应为其他辖区站点的搜索索引地址（http:// 或 https:// 开头，或以 / 开头的本站路径），例如 https://xx.example.gov.cn/pagefind/' },
        ),
      )
      .optional()
      .meta({ title: '合并搜索', description: '其他辖区站点的 /pagefind/ 地址；本站搜索页同时检索这些辖区。' }),
  })
  .meta({ title: '站点设置' });

export type SiteSettings = z.infer<typeof siteSchema>;
