import { defineConfig } from 'vitest/config';

/**
 * `npm run test:unit`: the pure tests (parser, pricing, templates, config, domain rules) with no
 * service at all — no template database is built, nothing is started.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
