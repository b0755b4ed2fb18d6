/** Issue 18 point 11: `--concurrency` took 1e9, 513 and 0x10; only decimal 1–512 is accepted. */
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../_helpers/run-cli.js';

describe('--concurrency', () => {
  for (const value of [
    '1e9',
    '513',
    '0x10',
    '0',
    '-1',
    '1.5',
    ' 8',
    '8 ',
    '',
    'abc',
    '0o7',
    '99999',
  ]) {
    it(`refuses ${JSON.stringify(value)} before anything runs`, async () => {
      const run = await runCliCaptured(['config', '--concurrency', value]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('--concurrency');
      expect(run.stderr).toContain('must be a whole number from 1 to 512');
      expect(run.stdout).toBe('');
    });
  }
  for (const value of ['1', '32', '512']) {
    it(`accepts ${value}`, async () => {
      const run = await runCliCaptured(['config', '--concurrency', value], {
        cwd: process.cwd(),
      });
      expect(run.stderr).not.toContain('--concurrency');
    });
  }
});
