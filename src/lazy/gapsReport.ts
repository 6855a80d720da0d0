// Built as dist/gapsReport.js: the search-gaps report and its webview page, loaded when first shown.
export { buildGapsReport } from '../core/gaps/report';
export { renderGapsHtml } from '../vscode/gapsHtml';
