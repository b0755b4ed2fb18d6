import { configDefaults, defineConfig } from 'vitest/config';

const INCLUDE = ['test/**/*.test.ts', 'test/**/*.test.tsx'];

/**
 * The slow tier: real terminals (tmux), a real browser, `npm pack` + install, kill -9 trials, the
 * CLI run as a child process end to end, fault-injection runs and the long scenarios (those that
 * took over ~10 s of a 2-core run each, measured 2026-12-05). `npm test` runs both tiers (CI
 * does); `npm run test:fast` only the fast one for the edit loop: unit tests, the core scenarios
 * (plan, apply, verify, reach, remediation, …) and the sandbox, under a minute on 2 cores.
 */
export const SLOW_TESTS = [
  'test/**/*.browser.test.ts',
  'test/ui/demo-e2e.test.ts',
  'test/security/terminal-escapes-tmux.test.ts',
  'test/package/**',
  'test/resilience/kill-resume-trials.test.ts',
  'test/scenarios/apply-resume.test.ts',
  // The CLI as a child process, end to end.
  'test/cli/**',
  'test/scenarios/*-cli.test.ts',
  'test/security/terminal-escapes.test.ts',
  // Fault injection: throttling, 5xx bursts, expiring sessions, regions disabled mid-run.
  'test/resilience/faults.test.ts',
  'test/resilience/heavy-faults.test.ts',
  // Long scenarios (several full rollouts of the demo organization each).
  'test/scenarios/saved-files-integrity.test.ts',
  'test/scenarios/declarative.test.ts',
  'test/scenarios/stages.test.ts',
  'test/scenarios/launch-preview.test.ts',
  'test/scenarios/rollout-gate.test.ts',
  'test/scenarios/exceptions.test.ts',
  'test/scenarios/rollback.test.ts',
  'test/scenarios/config-references.test.ts',
  'test/scenarios/journal-damage.test.ts',
  'test/scenarios/apply-denied.test.ts',
];

/**
 * The ink screen tests read frames after fixed short waits (test/ui/_render.ts `tick`): in a
 * worker another file's leftovers share the event loop and a frame can come late, so they keep a
 * process of their own per file. They are few; the cost is small.
 */
export const INK_TESTS = ['test/ui/**/*.test.tsx', 'test/security/ink-escapes.test.tsx'];

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
          exclude: [...configDefaults.exclude, ...SLOW_TESTS, ...INK_TESTS],
          // One module graph per worker thread, not one per file: importing the SDK clients,
          // the sandbox and the CLI again for each of ~130 files cost more CPU than the tests
          // themselves. So these files must leave nothing behind (restore what they patch, close
          // what they start); the shuffled order in every run is what catches one that does not.
          pool: 'threads',
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'fast-ink',
          include: INK_TESTS,
          exclude: [...configDefaults.exclude, ...SLOW_TESTS],
        },
      },
      { extends: true, test: { name: 'slow', include: SLOW_TESTS } },
    ],
  },
});
