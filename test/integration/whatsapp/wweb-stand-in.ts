/**
 * A stand-in for whatsapp-web.js's Client: an EventEmitter with the same
 * methods the adapter uses, emitting the library's events with the
 * library's shapes (a Message's id {fromMe, remote, id, _serialized}, from,
 * to, author, body, type, timestamp, hasMedia, downloadMedia(), ...).
 */
import { EventEmitter } from 'node:events';
import type {
  WwebClient,
  WwebMedia,
  WwebMessage,
} from '../../../src/channels/whatsapp-web/wweb-client.js';

export interface SentByStandIn {
  chatId: string;
  content: string;
  at: number;
}

export class StandInClient extends EventEmitter implements WwebClient {
  readonly sent: SentByStandIn[] = [];
  initialized = 0;
  destroyed = 0;
  /** Make the next N sendMessage calls reject. */
  failNextSends = 0;
  private seq = 0;

  initialize(): Promise<void> {
    this.initialized += 1;
    return Promise.resolve();
  }

  sendMessage(chatId: string, content: string): Promise<{ id: { _serialized: string } }> {
    if (this.failNextSends > 0) {
      this.failNextSends -= 1;
      return Promise.reject(new Error('Evaluation failed: a WhatsApp Web hiccup'));
    }
    this.sent.push({ chatId, content, at: Date.now() });
    this.seq += 1;
    const id = `3EB0${String(this.seq).padStart(16, '0')}`;
    return Promise.resolve(
      message({ fromMe: true, from: 'me@c.us', to: chatId, body: content, idPart: id }),
    );
  }

  destroy(): Promise<void> {
    this.destroyed += 1;
    return Promise.resolve();
  }
}

export interface MessageInput {
  from: string;
  to?: string;
  author?: string;
  body?: string;
  type?: string;
  fromMe?: boolean;
  idPart?: string;
  isStatus?: boolean;
  broadcast?: boolean;
  media?: WwebMedia;
  timestamp?: number;
  contactNumber?: string;
}

/** A message shaped like the library's Message (the fields it sets from the page's data). */
export function message(input: MessageInput): WwebMessage & Record<string, unknown> {
  const fromMe = input.fromMe ?? false;
  const remote = fromMe ? (input.to ?? '') : input.from;
  const idPart = input.idPart ?? `3A${Math.random().toString(16).slice(2, 18).toUpperCase()}`;
  const id = {
    fromMe,
    remote,
    id: idPart,
    _serialized: `${String(fromMe)}_${remote}_${idPart}${input.author ? `_${input.author}` : ''}`,
  };
  return {
    id,
    ack: fromMe ? 0 : 1,
    hasMedia: input.media !== undefined,
    body: input.body ?? '',
    type: input.type ?? 'chat',
    timestamp: input.timestamp ?? Math.floor(Date.now() / 1000),
    from: input.from,
    to: input.to ?? '911234567890@c.us',
    author: input.author,
    deviceType: 'android',
    isForwarded: false,
    forwardingScore: 0,
    isStatus: input.isStatus ?? input.from === 'status@broadcast',
    isStarred: false,
    broadcast: input.broadcast ?? false,
    fromMe,
    hasQuotedMsg: false,
    hasReaction: false,
    mentionedIds: [],
    links: [],
    downloadMedia: () => Promise.resolve(input.media),
    getContact: () =>
      Promise.resolve({ number: input.contactNumber ?? input.from.split('@')[0] ?? null }),
  };
}
