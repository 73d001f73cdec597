// Builds the admin-1 borders off the server's event loop (see loadDivisionsInWorker).
import { parentPort } from 'node:worker_threads';
import { loadDivisions } from './basemap-detail.js';

parentPort?.postMessage(loadDivisions());
