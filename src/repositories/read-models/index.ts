export * from './conversation-history.read-model.js';
export * from './dealer-credit.read-model.js';
export * from './dealer-directory.read-model.js';
export * from './message-status.read-model.js';
export * from './order-list.read-model.js';
