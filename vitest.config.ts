import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The long runs have their own config: npm run test:stress.
    exclude: [...configDefaults.exclude, 'tests/stress/**'],
    // e2e tests spawn the real bot process; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Compiles src/ once for the processes tests spawn (tests/helpers/testBuild.ts).
    globalSetup: ['tests/globalSetup.ts'],
  },
});
