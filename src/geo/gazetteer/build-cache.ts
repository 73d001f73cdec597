// Run at install time (npm `prepare`): builds the gazetteer cache once so the first run is fast.
import { buildGazetteerCache, defaultCachePath } from './index.js';

const started = Date.now();
const data = buildGazetteerCache();
console.error(`corridor: gazetteer built: ${data.name.length} entries, ${data.names.keys.length} names -> ${defaultCachePath} (${Date.now() - started} ms)`);
