import { describe, expect, it } from 'vitest';
import { SERVICE_HEAP_FLAGS, withDefaultFlags } from '../../../src/start/supervisor.js';

describe("the service's heap caps", () => {
  it('are added to the node flags the supervisor runs with', () => {
    expect(withDefaultFlags(['--import', 'tsx'], '')).toEqual([
      '--import',
      'tsx',
      ...SERVICE_HEAP_FLAGS,
    ]);
  });

  it("leave an operator's own setting alone, in the node flags or NODE_OPTIONS", () => {
    expect(withDefaultFlags(['--max-old-space-size=1024'], '--max-semi-space-size=16')).toEqual([
      '--max-old-space-size=1024',
    ]);
    expect(withDefaultFlags([], '--max-old-space-size=512')).toEqual(['--max-semi-space-size=4']);
  });
});
