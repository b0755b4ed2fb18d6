/**
 * The HTML report in a real headless Chromium (playwright-core drives the system browser; it
 * downloads nothing). The browser is found on PATH or through GUARDRAILS_BROWSER
 * (_helpers/find-browser.ts); without one the test is skipped saying what to install, unless CI
 * is set, where a missing browser fails.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderVerifyHtml } from '../../src/report/verify-html.js';
import { demoVerifyReport } from '../_fixtures/verify-reports.js';
import { browserForTests } from '../_helpers/find-browser.js';
import { tempDir } from '../_helpers/temp-dir.js';

const SUITE = 'HTML verify report in Chromium';
const browserPath = browserForTests(SUITE);

describe.skipIf(browserPath === undefined)(SUITE, () => {
  let browser: Browser;
  const report = demoVerifyReport();

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: browserPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  function reportUrl(): string {
    const file = join(tempDir(), 'verify-report.html');
    writeFileSync(file, renderVerifyHtml(report));
    return pathToFileURL(file).href;
  }

  it('renders the heat map and filters by status and OU without console errors', async () => {
    // Given the demo report opened in the browser
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(reportUrl());

    // Then every result is a heat map cell, and the filters are shown
    expect(await page.locator('.heat .cell').count()).toBe(report.results.length);
    expect(await page.locator('.heat tbody tr:not(.ou)').count()).toBe(13);
    await expect.poll(() => page.locator('#filters').isVisible()).toBe(true);
    expect(await page.locator('#shown-count').textContent()).toBe('130 findings shown');
    expect(await page.locator('#findings h2').textContent()).toBe('Findings (130)');
    await page.screenshot({ path: '/tmp/guardrails-verify-report.png', fullPage: true });

    // When drift is unticked, drift findings hide and the others stay
    await page.locator('#filters').getByLabel('drift', { exact: true }).uncheck();
    expect(await page.locator('.findings tbody tr[data-status="drift"]:visible').count()).toBe(0);
    expect(
      await page.locator('.findings tbody tr[data-status="unreachable"]:visible').count(),
    ).toBe(2);
    expect(await page.locator('#shown-count').textContent()).toBe('2 findings shown');
    // And the findings heading follows the filters
    expect(await page.locator('#findings h2').textContent()).toBe('Findings (2 of 130)');

    // When an OU is chosen, only its accounts remain (sub-OUs included)
    await page.locator('#filters').getByLabel('drift', { exact: true }).check();
    await page.selectOption('#ou-filter', 'Root/Workloads');
    const accounts = await page.locator('.heat th.account:visible small').allTextContents();
    expect(accounts.sort()).toEqual([
      '222222222205',
      '222222222206',
      '222222222207',
      '222222222208',
      '222222222212',
    ]);
    await page.screenshot({ path: '/tmp/guardrails-verify-report-filtered.png', fullPage: true });

    // When the findings of every OU are sorted by status, descending, unreachable ones come first
    await page.selectOption('#ou-filter', '');
    await page.locator('.findings thead th', { hasText: 'Status' }).click();
    await page.locator('.findings thead th', { hasText: 'Status' }).click();
    expect(await page.locator('.findings thead th[aria-sort]').textContent()).toBe('Status');
    expect(await page.locator('.findings thead th[aria-sort]').getAttribute('aria-sort')).toBe(
      'descending',
    );
    const firstStatus = page.locator('.findings tbody tr:visible td.status').first();
    expect(await firstStatus.textContent()).toBe('unreachable');

    // And nothing failed or was fetched from elsewhere
    expect(problems).toEqual([]);
    expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    await page.close();
  });

  it('shows all its content with JavaScript disabled', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(reportUrl());
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect(await page.locator('.heat .cell:visible').count()).toBe(report.results.length);
    expect(await page.locator('.findings tbody tr:visible').count()).toBe(130);
    const title = await page
      .locator('.heat tr', { hasText: 'log-archive' })
      .locator('.cell')
      .nth(10)
      .getAttribute('title');
    expect(title).toBe(
      'log-archive (222222222202) · eu-west-1 · drift\nhttpTokens optional → required',
    );
    await context.close();
  });
});
