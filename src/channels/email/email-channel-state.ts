/**
 * What the email intake is doing, for /health and logs: connected or not
 * (and since when), the last message stored, the last error.
 */
import type { HealthCheck } from '../../http/health/health-checks.js';

export interface EmailChannelSnapshot {
  status: 'connecting' | 'connected' | 'disconnected' | 'stopped';
  mailbox: string;
  connectedSince: Date | null;
  disconnectedSince: Date | null;
  lastMessageAt: Date | null;
  lastError: string | null;
  /** Messages stored by this process since it started (duplicates not counted). */
  stored: number;
}

export class EmailChannelState {
  #state: EmailChannelSnapshot;

  constructor(mailbox: string) {
    this.#state = {
      status: 'connecting',
      mailbox,
      connectedSince: null,
      disconnectedSince: new Date(),
      lastMessageAt: null,
      lastError: null,
      stored: 0,
    };
  }

  snapshot(): EmailChannelSnapshot {
    return { ...this.#state };
  }

  connected(): void {
    this.#state = {
      ...this.#state,
      status: 'connected',
      connectedSince: new Date(),
      disconnectedSince: null,
    };
  }

  disconnected(error: string | null): void {
    this.#state = {
      ...this.#state,
      status: this.#state.status === 'stopped' ? 'stopped' : 'disconnected',
      connectedSince: null,
      disconnectedSince: this.#state.disconnectedSince ?? new Date(),
      lastError: error ?? this.#state.lastError,
    };
  }

  failed(error: string): void {
    this.#state = { ...this.#state, lastError: error };
  }

  messageStored(duplicate: boolean): void {
    this.#state = {
      ...this.#state,
      lastMessageAt: new Date(),
      stored: this.#state.stored + (duplicate ? 0 : 1),
    };
  }

  stopped(): void {
    this.#state = { ...this.#state, status: 'stopped', connectedSince: null };
  }
}

/** `ok` while connected to the mailbox, `down` otherwise. */
export function emailHealthCheck(state: EmailChannelState): HealthCheck {
  return () => Promise.resolve(state.snapshot().status === 'connected' ? 'ok' : 'down');
}
