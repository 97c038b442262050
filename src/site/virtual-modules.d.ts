/** The pages' data, provided by the site integration (src/site/integration.ts). */
declare module 'virtual:quanze/site-data' {
  const data: import('./site-data.ts').SiteData;
  export default data;
}
