// Built as dist/searchCore.js: the search index (MiniSearch, stemmers, stop words), loaded when the
// KB is first indexed rather than with dist/extension.js.
export { KbIndex } from '../core/search/index';
