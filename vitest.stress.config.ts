import { defineConfig } from 'vitest/config';

// `npm run test:stress`: the long reliability runs (interrupted 5,000-file imports, 2,000 interactions).
export default defineConfig({
  test: {
    include: ['tests/stress/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['tests/globalSetup.ts'],
    // One at a time: each run measures a real process on a small machine.
    fileParallelism: false,
  },
});
