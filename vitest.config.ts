import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Only our tests: without this vitest also runs compiled copies under dist/.
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The JSON report is what .ci/run counts passed/failed tests from; the default reporter stays for people.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-artifacts/vitest.json' },
  },
});
