import { randomUUID } from 'node:crypto';
import type { SaveOutcome } from '../store/store.js';
import { apiError, ERRORS } from './errors.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  status: JobStatus;
  /** The (first) document stored, once done. */
  docId: string | null;
  outcome: SaveOutcome | null;
  /** Every document stored: a feed URL holds several. */
  documents: { id: string; outcome: SaveOutcome }[];
  error: { code: string; message: string } | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface JobResult {
  documents: { id: string; outcome: SaveOutcome }[];
}

/** Turns a job's failure into what its status shows: a catalogue code and a message safe to display. */
export type DescribeFailure = (error: unknown) => { code: string; message: string };

export interface JobQueueOptions {
  /** Jobs waiting or running at once; more are refused with CORRIDOR_ERR_INGEST_QUEUE_FULL. */
  maxPending?: number;
  /** Finished jobs remembered for polling; the oldest are forgotten first. */
  keepFinished?: number;
}

/**
 * An in-process queue that runs one job at a time, in submission order.
 * Extraction is CPU-bound and the store takes one writer, so running jobs
 * side by side would only interleave them.
 */
export class JobQueue<Input> {
  private readonly jobs = new Map<string, Job>();
  private readonly finished: string[] = [];
  private pending = 0;
  private tail: Promise<void> = Promise.resolve();
  private readonly maxPending: number;
  private readonly keepFinished: number;

  constructor(
    private readonly run: (input: Input) => Promise<JobResult>,
    private readonly describeFailure: DescribeFailure,
    options: JobQueueOptions = {},
  ) {
    this.maxPending = options.maxPending ?? 100;
    this.keepFinished = options.keepFinished ?? 1000;
  }

  submit(input: Input): Job {
    if (this.pending >= this.maxPending) throw apiError(ERRORS.INGEST_QUEUE_FULL, this.maxPending);
    const job: Job = {
      id: randomUUID(), status: 'queued', docId: null, outcome: null, documents: [], error: null,
      createdAt: new Date().toISOString(), finishedAt: null,
    };
    this.jobs.set(job.id, job);
    this.pending++;
    this.tail = this.tail.then(() => this.execute(job, input));
    return { ...job };
  }

  get(id: string): Job | null {
    const job = this.jobs.get(id);
    return job ? { ...job, documents: [...job.documents] } : null;
  }

  /** Resolves when every job submitted so far has finished (tests, shutdown). */
  async drain(): Promise<void> {
    let tail;
    do {
      tail = this.tail;
      await tail;
    } while (tail !== this.tail);
  }

  private async execute(job: Job, input: Input): Promise<void> {
    job.status = 'running';
    try {
      const { documents } = await this.run(input);
      Object.assign(job, { status: 'done', documents, docId: documents[0]?.id ?? null, outcome: documents[0]?.outcome ?? null });
    } catch (error) {
      Object.assign(job, { status: 'failed', error: this.describeFailure(error) });
    }
    job.finishedAt = new Date().toISOString();
    this.pending--;
    this.finished.push(job.id);
    while (this.finished.length > this.keepFinished) this.jobs.delete(this.finished.shift()!);
  }
}
