// Built as dist/searchCore.js: KB assembly and the search index (MiniSearch, stemmers, stop words),
// loaded when the KB first loads rather than with dist/extension.js.
export { KbIndex } from '../core/search/index';
export { assembleKb } from '../core/kb/assemble';
export { parseKbFile } from '../core/kb/parse';
export { formatKbProblemLine, renderKbProblem } from '../core/kb/problemMessages';
