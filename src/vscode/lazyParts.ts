import { lazySibling } from '../node/lazySibling';

// The feature code dist/extension.js loads on first use, each built as its own file in dist/
// (scripts/build.mjs; entry points in src/lazy/).

/** The draft checks' core and the VIN/IMEI decoders: loaded when the first draft is checked, an answer inserted or a VIN hovered. */
export const draftCore = lazySibling<typeof import('../lazy/draftCore')>('draftCore.js');
/** KB assembly and the search index (MiniSearch, stemmers, stop words): loaded when the KB first loads. */
export const searchCore = lazySibling<typeof import('../lazy/searchCore')>('searchCore.js');
/** The search-gaps report and its webview page: loaded when the report is first shown. */
export const gapsReport = lazySibling<typeof import('../lazy/gapsReport')>('gapsReport.js');
/** fuse.js, for fuzzy palette titles in small KBs: a fifth of the extension's code that most starts never use. */
export const fuseModule = lazySibling<typeof import('fuse.js').default | { default: typeof import('fuse.js').default }>('fuse.js');
