export { ingest, type IngestOptions, type IngestSummary, type IngestedDocument } from './ingest.js';
export { INGEST_ERRORS, IngestError, type IngestErrorCode } from './errors.js';
export { prepareDocument, hostOf, type RawDocument, type PreparedDocument, type UserMetadata } from './document.js';
export { normaliseText, documentId } from './normalise.js';
export { normaliseDate, findTextDate } from './dates.js';
export { detectLanguage } from './language.js';
export { decodeText } from './decode.js';
export { readContent, sniffFormat, EXTENSION_FORMATS, type Format } from './formats/index.js';
export { expandInputs, loadInput, DEFAULT_MAX_BYTES, type Input } from './sources.js';
