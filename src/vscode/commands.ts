/** Every command id the extension contributes, in one table (package.json lists the same ids). */
export const Commands = {
  search: 'supportKb.search',
  searchSelection: 'supportKb.searchSelection',
  insertAnswer: 'supportKb.insertAnswer',
  copyAnswer: 'supportKb.copyAnswer',
  openArticle: 'supportKb.openArticle',
  focusSidebar: 'supportKb.focusSidebar',
  reload: 'supportKb.reload',
  showLog: 'supportKb.showLog',
  pinChecklist: 'supportKb.pinChecklist',
  copyVin: 'supportKb.copyVin',
  showSearchGaps: 'supportKb.showSearchGaps',
} as const;

/** Commands used by hovers, CodeLenses and quick fixes, not shown in the palette. */
export const InternalCommands = {
  openArticleById: 'supportKb.openArticleById',
  applyFix: 'supportKb.applyFix',
  /** KB lint quick fixes and the search-gap hook of `kb:` completions. */
  compareArticles: 'supportKb.lint.compareArticles',
  trimTitle: 'supportKb.lint.trimTitle',
  completionUsed: 'supportKb.searchGaps.completionUsed',
  /** A `kb:` completion accepted in or below the signature: puts its answer above the signature. */
  insertCompletionAboveSignature: 'supportKb.insertCompletionAboveSignature',
} as const;

/** Virtual documents that show an article read-only when there is no editor to insert it into. */
export const ARTICLE_SCHEME = 'support-kb-article';
