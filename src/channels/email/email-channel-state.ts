/**
 * What the email intake is doing, for /health, the console and logs:
 * connected or not (and since when), the last message stored, the last
 * error. Listeners hear every change (email-state-record.ts writes them to
 * PostgreSQL, so any process can answer for the intake).
 */

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
  readonly #listeners = new Set<(snapshot: EmailChannelSnapshot) => void>();

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

  /** Calls `listener` after every change; returns the unsubscribe. */
  onChange(listener: (snapshot: EmailChannelSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(next: EmailChannelSnapshot): void {
    this.#state = next;
    for (const listener of this.#listeners) listener(this.snapshot());
  }

  connected(): void {
    this.#set({
      ...this.#state,
      status: 'connected',
      connectedSince: new Date(),
      disconnectedSince: null,
    });
  }

  disconnected(error: string | null): void {
    this.#set({
      ...this.#state,
      status: this.#state.status === 'stopped' ? 'stopped' : 'disconnected',
      connectedSince: null,
      disconnectedSince: this.#state.disconnectedSince ?? new Date(),
      lastError: error ?? this.#state.lastError,
    });
  }

  failed(error: string): void {
    this.#set({ ...this.#state, lastError: error });
  }

  messageStored(duplicate: boolean): void {
    this.#set({
      ...this.#state,
      lastMessageAt: new Date(),
      stored: this.#state.stored + (duplicate ? 0 : 1),
    });
  }

  stopped(): void {
    this.#set({ ...this.#state, status: 'stopped', connectedSince: null });
  }
}
