/**
 * The review queue as a CSV file (what a filter shows): one row per item
 * with its age in minutes, so a team lead can count the backlog in a
 * spreadsheet.
 */
import { stringify } from 'csv-stringify/sync';
import type { ReviewItem } from '../repositories/read-models/console.read-model.js';

export function reviewQueueCsv(items: readonly ReviewItem[], now: Date): string {
  const rows: string[][] = [
    [
      'kind',
      'draft',
      'dealer',
      'dealer_name',
      'channel',
      'sender',
      'received_at',
      'waiting_min',
      'reason',
      'claimed_by',
      'message',
    ],
  ];
  for (const i of items) {
    rows.push([
      i.kind,
      i.orderNo === null ? '' : `#${i.orderNo}`,
      i.dealerCode ?? '',
      i.dealerName ?? '',
      i.channel,
      i.sender,
      i.receivedAt.toISOString(),
      String(Math.floor((now.getTime() - i.receivedAt.getTime()) / 60_000)),
      i.reason,
      i.claimedBy?.name ?? '',
      i.preview,
    ]);
  }
  return stringify(rows, { record_delimiter: '\r\n' });
}
