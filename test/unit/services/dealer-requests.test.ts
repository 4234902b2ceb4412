import { describe, expect, it } from 'vitest';
import { readDealerRequest } from '../../../src/services/self-service/dealer-requests.js';

describe('readDealerRequest', () => {
  it.each([
    ['portal link', { kind: 'portal_link' }],
    ['please send my portal link', { kind: 'portal_link' }],
    ['app ka link bhejo', { kind: 'portal_link' }],
    ['मुझे पोर्टल का लिंक भेजिए', { kind: 'portal_link' }],
    ['same as last time', { kind: 'reorder' }],
    ['Same as last time pls', { kind: 'reorder' }],
    ['repeat last order', { kind: 'reorder' }],
    ['pichla order bhejo', { kind: 'reorder' }],
    ['last order repeat karo', { kind: 'reorder' }],
    ['पिछला ऑर्डर दोबारा भेजो', { kind: 'reorder' }],
    ['what is my credit limit?', { kind: 'credit_limit' }],
    ['credit limit kitna hai', { kind: 'credit_limit' }],
    ['क्रेडिट लिमिट बताइए', { kind: 'credit_limit' }],
    ['my last 5 orders', { kind: 'history', period: 'recent', count: 5 }],
    ['last ten orders please', { kind: 'history', period: 'recent', count: 10 }],
    ['show my orders', { kind: 'history', period: 'recent', count: 5 }],
    ['order history', { kind: 'history', period: 'recent', count: 5 }],
    ['last 50 orders', { kind: 'history', period: 'recent', count: 20 }],
    ['pichle mahine ke orders', { kind: 'history', period: 'last_month', count: 5 }],
    ['orders of last month', { kind: 'history', period: 'last_month', count: 5 }],
    ['is mahine ke orders batao', { kind: 'history', period: 'this_month', count: 5 }],
    ['पिछले महीने के ऑर्डर दिखाओ', { kind: 'history', period: 'last_month', count: 5 }],
  ])('%s', (text, expected) => {
    expect(readDealerRequest(text)).toEqual(expected);
  });

  it.each([
    'same as last time it came damaged, please take it back',
    'we got wrong items in my last 5 orders, please check',
    'cancel the last order',
    'last order not received yet',
    'portal is not opening, my payment is stuck',
    'credit limit badhao please',
    'pichla order nahi chahiye',
    'repeat last order but no primer',
    'status of my last order',
    '10 box switch',
    '',
  ])('%s is not a plain request', (text) => {
    expect(readDealerRequest(text)).toBeNull();
  });
});
