// Built as dist/draftCore.js: the draft checks' core, loaded when the first draft is checked.
export { validateDraft } from '../core/checklist/validate';
export { isIncoming } from '../core/checklist/draft';
