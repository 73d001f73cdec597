import type { RegisterCommand } from '../context.js';
import { register as demo } from './demo.js';
import { register as docs } from './docs.js';
import { register as ingest } from './ingest.js';
import { register as extract } from './extract.js';
import { register as geo } from './geo.js';
import { register as evalEvents } from './eval-events.js';
import { register as evalRealNews } from './eval-real-news.js';
import { register as search } from './search.js';
import { register as serve } from './serve.js';
import { register as show } from './show.js';
import { register as clusters } from './clusters.js';
import { register as contradictions } from './contradictions.js';
import { register as timeline } from './timeline.js';
import { register as trajectory } from './trajectory.js';
import { register as corridors } from './corridors.js';
import { register as sources } from './sources.js';
import { register as diff } from './diff.js';
import { register as exportCommand } from './export.js';
import { register as importCommand } from './import.js';
import { register as compare } from './compare.js';
import { register as worker } from './worker.js';
import { register as queue } from './queue.js';

/** Every command of the CLI, in the order `--help` lists them. Add one line per new command. */
export const commands: RegisterCommand[] = [
  ingest,
  extract,
  geo,
  evalEvents,
  evalRealNews,
  docs,
  show,
  search,
  clusters,
  contradictions,
  timeline,
  trajectory,
  corridors,
  sources,
  diff,
  exportCommand,
  importCommand,
  compare,
  demo,
  serve,
  worker,
  queue,
];
