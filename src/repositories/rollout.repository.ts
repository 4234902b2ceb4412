/** Rollout settings: per channel for everyone (channel_settings), and per dealer and channel. */
import type { Channel, Rollout } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export interface RolloutSettings {
  channels: { channel: Channel; rollout: Rollout }[];
  dealers: { dealer_code: string; channel: Channel; rollout: Rollout }[];
}

/** Every rollout setting, for a worker's in-process copy. */
export async function listRolloutSettings(db: Executor): Promise<RolloutSettings> {
  const [channels, dealers] = await Promise.all([
    db.selectFrom('channel_settings').select(['channel', 'rollout']).execute(),
    db.selectFrom('dealer_channel_rollout').select(['dealer_code', 'channel', 'rollout']).execute(),
  ]);
  return { channels, dealers };
}
