/** Every command id the extension contributes, in one table (package.json lists the same ids). */
export const Commands = {
  search: 'supportKb.search',
  reload: 'supportKb.reload',
  showLog: 'supportKb.showLog',
} as const;

/** Virtual documents that show an article read-only when there is no editor to insert it into. */
export const ARTICLE_SCHEME = 'support-kb-article';
