import { configDefaults, defineConfig } from 'vitest/config';

const INCLUDE = ['test/**/*.test.ts', 'test/**/*.test.tsx'];

/**
 * The slow tier: real terminals (tmux), a real browser, `npm pack` + install, kill -9 trials.
 * `npm test` runs both tiers (CI does); `npm run test:fast` only the fast one for the edit loop.
 */
export const SLOW_TESTS = [
  'test/**/*.browser.test.ts',
  'test/ui/demo-e2e.test.ts',
  'test/security/terminal-escapes-tmux.test.ts',
  'test/package/**',
  'test/resilience/kill-resume-trials.test.ts',
  'test/scenarios/apply-resume.test.ts',
];

export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' },
    sequence: { shuffle: true },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: INCLUDE,
          exclude: [...configDefaults.exclude, ...SLOW_TESTS],
        },
      },
      { extends: true, test: { name: 'slow', include: SLOW_TESTS } },
    ],
  },
});
