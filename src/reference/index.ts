/**
 * Reference datasets: curated event data (ACLED exports) imported to check
 * Corridor's findings against.
 *
 * @example
 * const mapping = loadAcledMapping();
 * const { events, errors } = parseAcledCsv(text, file, mapping);
 * await saveReference(store, file, events);
 * const report = compareWithReference(clusters, events, mapping, {describe: describeCluster});
 */
export {
  ACLED_COLUMNS, acledRow, loadAcledMapping, compileAcledMapping, acledSubEventType, comparableSubEventTypes, civilianTargeting,
  formatAcledDate, parseAcledDate, interactionCode, interOf, sideOf, acledActorName,
  type AcledColumn, type AcledEvent, type AcledRow, type AcledMapping, type MappableEvent, type MappedActor, type MappingRule, type Side,
} from './acled.js';
export {
  parseAcledCsv, saveReference, loadReference, ReferenceFileError, REFERENCE_KEY,
  type ReferenceEvent, type ReferenceSet, type RowError, type ParsedReference,
} from './import.js';
export { compareWithReference, formatComparison, type Comparison, type CompareOptions, type ComparedEvent, type ReferenceMatch, type ReferenceSummary } from './compare.js';
