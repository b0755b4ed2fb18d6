/** Folding text for the rollout screen: nothing cut, nothing wider than the screen. */
import { describe, expect, it } from 'vitest';
import { askRows, foldItems, foldWords, layoutAsk } from '../../src/ui/fold.js';

describe('fold', () => {
  it('folds words onto lines of the width and cuts only a word longer than a line', () => {
    const arn = 'arn:aws:iam::222222222210:role/OrganizationAccountAccessRole';
    const lines = foldWords(`User is not authorized on resource: ${arn}`, 30);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
    expect(lines[0]).toBe('User is not authorized on');
    expect(lines.slice(1).join('')).toBe(`resource:${arn}`);
  });

  it('puts the hint on its own line only when it does not fit after the message', () => {
    expect(layoutAsk('Apply 3 changes?', '(number toggles)', 80)).toEqual({
      lines: ['Apply 3 changes?'],
      hintOnOwnLine: false,
    });
    const long = 'Apply 110 of 126 planned changes in 3 of 3 waves? 17 relaxing: asked next.';
    expect(layoutAsk(long, '(number toggles)', 80).hintOnOwnLine).toBe(true);
    expect(askRows(long, '(number toggles)', 80)).toBe(2);
    expect(askRows(long, '(number toggles)', 100)).toBe(1);
  });

  it('folds a list between its items, each line saying it goes on', () => {
    const items = [
      '+ create policy DenyIMDSv1-next',
      '+ attach DenyIMDSv1 to Root',
      '+ attach DenyIMDSv1-next to Root/Infrastructure',
      '~ swap canary DenyIMDSv1-next into policy DenyIMDSv1',
    ];
    const lines = foldItems('SCP: ', items, 78);
    expect(lines).toEqual([
      'SCP: + create policy DenyIMDSv1-next · + attach DenyIMDSv1 to Root ·',
      '     + attach DenyIMDSv1-next to Root/Infrastructure ·',
      '     ~ swap canary DenyIMDSv1-next into policy DenyIMDSv1',
    ]);
    expect(foldItems('SCP: ', ['unchanged'], 78)).toEqual(['SCP: unchanged']);
  });
});
