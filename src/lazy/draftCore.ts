// Built as dist/draftCore.js: the draft checks' core, loaded when the first draft is checked.
export { validateDraft } from '../core/checklist/validate';
export { isIncoming } from '../core/checklist/draft';
// The VIN and IMEI decoders, which the checks use too: for the hover and the copy-VIN command.
export { findEntities } from '../core/entities/find';
export { decodeImei } from '../core/entities/imei';
export { vinVerdict } from '../core/entities/verdict';
export { decodeVin } from '../core/entities/vin';
