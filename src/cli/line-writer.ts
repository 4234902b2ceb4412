/**
 * Writes lines to a stream in batches and waits when the stream's buffer is
 * full, so that a large run neither piles its whole output up in memory nor
 * loses the tail when the process ends.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Flush once this many characters are waiting. */
const BATCH_CHARS = 64 * 1024;

export class LineWriter {
  private pending: string[] = [];
  private pendingChars = 0;

  constructor(private readonly stream: Writable) {}

  /** Queues one line (a newline is added); waits only when the stream asks us to. */
  async writeLine(line: string): Promise<void> {
    this.pending.push(line, '\n');
    this.pendingChars += line.length + 1;
    if (this.pendingChars >= BATCH_CHARS) await this.flush();
  }

  /** Writes everything queued and resolves once the stream has taken it. */
  async finish(): Promise<void> {
    const chunk = this.take();
    await new Promise<void>((resolve, reject) => {
      this.stream.write(chunk, (error) => (error ? reject(error) : resolve()));
    });
  }

  private async flush(): Promise<void> {
    // `once` also rejects if the stream errors (EPIPE) while we wait.
    if (!this.stream.write(this.take())) await once(this.stream, 'drain');
  }

  private take(): string {
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    return chunk;
  }
}
