import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { JobName, JobPayloads, JobQueue } from '../../../src/queues/job-catalog.js';
import { UnrecoverableError } from 'bullmq';
import { inlineJobs, type InlineJobsDeps } from '../../../workers/inline-jobs.js';

function recordingQueue() {
  const queued: { name: JobName; payloads: unknown[] }[] = [];
  const jobs: JobQueue = {
    enqueue<N extends JobName>(name: N, payloads: readonly JobPayloads[N][]) {
      if (payloads.length > 0) queued.push({ name, payloads: [...payloads] });
      return Promise.resolve();
    },
  };
  return { jobs, queued };
}

const log = pino({ level: 'silent' });

/** Runs one payload in-process with a run that rejects with `error`; returns what was queued. */
async function queuedAfterFailure<N extends JobName>(
  name: N,
  payload: JobPayloads[N],
  error: Error,
) {
  const { jobs, queued } = recordingQueue();
  const run = { [name]: { limit: 4, run: () => Promise.reject(error) } } as InlineJobsDeps['run'];
  const inline = inlineJobs({ jobs, log, run });
  await inline.jobs.enqueue(name, [payload]);
  await inline.close();
  return queued;
}
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

describe('inline jobs', () => {
  it('sends up to the limit at once and queues the rest for notify; other jobs are queued', async () => {
    const { jobs, queued } = recordingQueue();
    const started: string[] = [];
    const release: (() => void)[] = [];
    const replies = inlineJobs({
      jobs,
      log,
      run: {
        notify: {
          limit: 2,
          run: ({ outboxId }) => {
            started.push(outboxId);
            return new Promise<void>((resolve) => release.push(resolve));
          },
        },
      },
    });
    await replies.jobs.enqueue(
      'notify',
      [1, 2, 3].map((n) => ({ outboxId: id(n) })),
    );
    await replies.jobs.enqueue('validate', [{ messageId: id(9) }]);
    expect(started).toEqual([id(1), id(2)]);
    expect(queued).toEqual([
      { name: 'notify', payloads: [{ outboxId: id(3) }] },
      { name: 'validate', payloads: [{ messageId: id(9) }] },
    ]);

    let closed = false;
    const closing = replies.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(closed).toBe(false);
    for (const r of release) r();
    await closing;
    // room again once the sends are done
    await replies.jobs.enqueue('notify', [{ outboxId: id(4) }]);
    expect(started).toContain(id(4));
  });

  it('queues a reply whose send throws for the notify worker', async () => {
    const payload = { outboxId: id(1) };
    expect(await queuedAfterFailure('notify', payload, new Error('database away'))).toEqual([
      { name: 'notify', payloads: [payload] },
    ]);
  });

  it('does not queue a run that settled its row as failed (UnrecoverableError)', async () => {
    const payload = { messageId: id(1) };
    expect(await queuedAfterFailure('parse', payload, new UnrecoverableError('bad'))).toEqual([]);
  });

  it('runs a message once when it is handed over again while its run is in flight', async () => {
    const { jobs, queued } = recordingQueue();
    const started: string[] = [];
    const release: (() => void)[] = [];
    const parses = inlineJobs({
      jobs,
      log,
      run: {
        parse: {
          limit: 4,
          run: ({ messageId }) => {
            started.push(messageId);
            return new Promise<void>((resolve) => release.push(resolve));
          },
        },
      },
    });
    // a webhook delivery and its duplicate at the same moment, then one with files unknown
    await parses.jobs.enqueue('parse', [{ messageId: id(1), files: false }]);
    await parses.jobs.enqueue('parse', [{ messageId: id(1) }, { messageId: id(2) }]);
    expect(started).toEqual([id(1), id(2)]);
    expect(queued).toEqual([]);
    for (const r of release.splice(0)) r();
    await parses.close();
    // once settled (or queued on failure) by its run, the id runs again when handed over
    await parses.jobs.enqueue('parse', [{ messageId: id(1) }]);
    expect(started).toEqual([id(1), id(2), id(1)]);
    for (const r of release) r();
    await parses.close();
  });

  it('starts the runs handed over within the gathering window together, at its end', async () => {
    const { jobs, queued } = recordingQueue();
    const started: string[] = [];
    const parses = inlineJobs({
      jobs,
      log,
      run: {
        parse: {
          limit: 2,
          gatherMs: 20,
          run: ({ messageId }) => {
            started.push(messageId);
            return Promise.resolve();
          },
        },
      },
    });
    await parses.jobs.enqueue('parse', [{ messageId: id(1) }]);
    await new Promise((r) => setTimeout(r, 5));
    await parses.jobs.enqueue('parse', [{ messageId: id(2) }, { messageId: id(3) }]);
    // waiting runs count towards the limit: the third goes to the queue
    expect(queued).toEqual([{ name: 'parse', payloads: [{ messageId: id(3) }] }]);
    expect(started).toEqual([]);
    await parses.close();
    expect(started).toEqual([id(1), id(2)]);
  });

  it('refuses a payload the schema refuses, as the queue does', async () => {
    const { jobs } = recordingQueue();
    const parses = inlineJobs({
      jobs,
      log,
      run: { parse: { limit: 4, run: () => Promise.resolve() } },
    });
    await expect(parses.jobs.enqueue('parse', [{ messageId: 'not-a-uuid' }])).rejects.toThrow();
  });
});
