import type { RegisterCommand } from '../context.js';
import { register as demo } from './demo.js';
import { register as docs } from './docs.js';
import { register as ingest } from './ingest.js';
import { register as extract } from './extract.js';
import { register as geo } from './geo.js';
import { register as search } from './search.js';
import { register as serve } from './serve.js';
import { register as show } from './show.js';

/** Every command of the CLI, in the order `--help` lists them. Add one line per new command. */
export const commands: RegisterCommand[] = [
  ingest,
  extract,
  geo,
  docs,
  show,
  search,
  demo,
  serve,
];
