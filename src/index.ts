export type * from './types.js';
export { isChecked, isOccurrence } from './types.js';
export { createPipeline, segmentStage, type Analysis, type Stage, type Pipeline } from './pipeline.js';
export { createDefaultPipeline, type PipelineOptions } from './default-pipeline.js';
export type { Store, StoredDocument, StoredEvent, EventFilter, SaveOutcome } from './store/store.js';
