// Preloaded with `node --import` by lazy-loading.test.ts: prints `loaded <url>`
// on stderr for every file module the program loads.
import { register } from 'node:module';

register('./load-trace-hooks.js', import.meta.url);
