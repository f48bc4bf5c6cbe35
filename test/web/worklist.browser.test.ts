import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PageConfig } from '../../shared/application/worklist/api.ts';
import { contentSecurityPolicy } from '../../web/security-headers.ts';
import { startWorklistTestStack, type WorklistTestStack } from '../support/worklist-stack.ts';
import { browserMissing, launchBrowser, newPage, signIn } from './browser.ts';

/**
 * The review worklist page in a real browser (Chromium, headless) against the real local worklist: the
 * local stack's queues, scrub and feed functions, the DynamoDB store, the API handler and the local
 * server with its security headers. One stack and one browser for the file; a page (and so a sign-in)
 * per test. The tests run in order: the ones that change claims (correct, override) use claims the
 * others do not read.
 */

const missing = browserMissing();
if (missing) console.warn(`Skipping the worklist page's browser tests: ${missing}.`);

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe.skipIf(missing !== undefined)('the review worklist page', { timeout: 90_000 }, () => {
  let stack: WorklistTestStack;
  let browser: Browser;
  let flagged: string[];
  let otherOrganisationReference: string;
  const pages: Page[] = [];

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWorklistTestStack(), launchBrowser()]);
    ({ flaggedReferences: flagged, otherOrganisationReference } = await stack.loadExamples());
  }, 180_000);

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.context().close()));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function open(user: 'reviewer' | 'supervisor' | 'otherOrganisation' = 'reviewer') {
    const opened = await newPage(browser);
    pages.push(opened.page);
    await signIn(opened.page, stack.url, stack.users[user]);
    return opened;
  }

  async function openClaim(page: Page, claimId: string): Promise<void> {
    await page.getByRole('link', { name: claimId, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Claim ${claimId}` }).waitFor();
  }

  /** The claim ids of the list's rows, top to bottom, and whether each carries the denial-risk badge. */
  async function rows(page: Page): Promise<Array<{ claimId: string; reference: string; risk: boolean }>> {
    await page.locator('table.worklist[data-loaded="true"]').waitFor();
    return page.locator('table.worklist tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        claimId: tr.querySelector('th[scope="row"]')?.textContent?.trim() ?? '',
        reference: tr.getAttribute('data-reference') ?? '',
        risk: tr.querySelector('.badge-risk') !== null,
      })),
    );
  }

  /** What runs in the browser is given as a string: it names DOM globals the Node type check does not know. */
  const focusedText = (page: Page) => page.evaluate<string | undefined>('document.activeElement?.textContent');

  async function axeViolations(page: Page): Promise<string[]> {
    // Evaluated rather than added as a <script>: the page's CSP refuses inline script, as it should.
    await page.evaluate(AXE_SOURCE);
    type Result = { id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> };
    const results = await page.evaluate<{ violations: Result[]; passes: Result[] }>('axe.run(document)');
    expect(results.passes.length, 'axe ran its checks').toBeGreaterThan(10);
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  }

  it('signs in with the local form, refusing a wrong password with the API\'s sentence', async () => {
    const { page, errors } = await newPage(browser);
    pages.push(page);
    await page.goto(stack.url);
    await page.getByLabel('Username').fill(stack.users.reviewer.username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/password/i);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Password').fill(stack.users.reviewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open claims' }).waitFor();
    await expect(page.locator('header').textContent()).resolves.toContain(stack.users.reviewer.username);
    // The token stays in this tab's sessionStorage and travels as a bearer header, never as a cookie.
    expect(await page.context().cookies()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("signs in through Cognito's hosted sign-in with PKCE and returns to the claim it was asked for", async () => {
    // The hosted sign-in and its token endpoint are stood in for; the token is a real one of the local server.
    const domain = 'auth.example.test';
    const config: PageConfig = { auth: 'cognito', domain, clientId: 'worklist-page', redirectUri: `${stack.url}/`, region: 'us-east-1' };
    const signedIn = (await (await fetch(`${stack.url}/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(stack.users.reviewer) })).json()) as { token: string };
    const { page, errors } = await newPage(browser);
    pages.push(page);
    await page.route(`${stack.url}/config.json`, (route) => route.fulfill({ json: config }));
    // The page as CloudFront serves it: its policy lets the page reach the sign-in domain too.
    await page.route(
      (url) => url.origin === stack.url && (url.pathname === '/' || url.pathname === '/index.html'),
      async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': contentSecurityPolicy([`https://${domain}`]) } });
      },
    );
    // The hosted pages send the browser back as a new navigation (a routed redirect would skip the page's route above).
    const backTo = (url: string) => `<meta http-equiv="refresh" content="0;url=${url.replaceAll('&', '&amp;')}">`;
    let challenge = '';
    await page.route(`https://${domain}/oauth2/authorize?**`, (route) => {
      const asked = new URL(route.request().url()).searchParams;
      expect(Object.fromEntries(['response_type', 'client_id', 'redirect_uri', 'code_challenge_method'].map((k) => [k, asked.get(k)]))).toEqual({
        response_type: 'code',
        client_id: config.clientId,
        redirect_uri: config.redirectUri,
        code_challenge_method: 'S256',
      });
      challenge = asked.get('code_challenge') ?? '';
      return route.fulfill({ contentType: 'text/html', body: backTo(`${config.redirectUri}?code=one-time-code&state=${encodeURIComponent(asked.get('state') ?? '')}`) });
    });
    let exchanged: URLSearchParams | undefined;
    await page.route(`https://${domain}/oauth2/token`, (route) => {
      exchanged = new URLSearchParams(route.request().postData() ?? '');
      const verified = createHash('sha256').update(exchanged.get('code_verifier') ?? '').digest('base64url') === challenge;
      return route.fulfill({
        status: verified ? 200 : 400,
        headers: { 'access-control-allow-origin': stack.url },
        json: verified ? { id_token: signedIn.token, access_token: 'unused', expires_in: 3600, token_type: 'Bearer' } : { error: 'invalid_grant' },
      });
    });
    await page.route(`https://${domain}/logout?**`, (route) => {
      const asked = new URL(route.request().url()).searchParams;
      expect(asked.get('client_id')).toBe(config.clientId);
      return route.fulfill({ contentType: 'text/html', body: backTo(asked.get('logout_uri') ?? '') });
    });

    await page.goto(`${stack.url}/#/claims/${flagged[0]}`);
    await page.getByRole('button', { name: 'Sign in with your organisation account' }).click();
    await page.getByRole('heading', { level: 1, name: /^Claim / }).waitFor();
    expect(Object.fromEntries(exchanged ?? [])).toMatchObject({ grant_type: 'authorization_code', client_id: config.clientId, code: 'one-time-code', redirect_uri: config.redirectUri });
    // The code leaves the address bar; the claim's hash is back.
    expect(page.url()).toBe(`${stack.url}/#/claims/${flagged[0]}`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in with your organisation account' }).waitFor();
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    expect(errors).toEqual([]);
  });

  it('lists every flagged example of the organisation, Medicare-denial risk first', async () => {
    const { page, errors } = await open();
    const listed = await rows(page);
    expect(listed.map((r) => r.reference).sort()).toEqual(expect.arrayContaining([...flagged].sort()));
    expect(listed.length).toBeGreaterThanOrEqual(flagged.length);
    // HI-2020-0003 and HI-2020-0016 are the examples with denial risk: on top, with a badge that says so in words.
    expect(listed.slice(0, 2).map((r) => [r.claimId, r.risk]).sort()).toEqual([
      ['HI-2020-0003', true],
      ['HI-2020-0016', true],
    ]);
    expect(listed.slice(2).every((r) => !r.risk)).toBe(true);
    await expect(page.locator('table.worklist tbody tr').first().locator('.badge-risk').textContent()).resolves.toMatch(/denial risk/i);
    // The counts stand beside the filter options.
    await expect.poll(() => page.getByLabel('Medicare denial risk').locator('option[value="true"]').textContent()).toBe('Denial risk (2)');
    expect(errors).toEqual([]);
  });

  it('shows a claim with each finding beside its line, and the member only as id and "LAST, F."', async () => {
    const { page, errors } = await open();
    await openClaim(page, 'HI-2020-0003');
    const line1Findings = page.locator('tr[data-findings-for="1"]');
    await expect(line1Findings.textContent()).resolves.toContain('MEDICARE-NONCOVERED');
    await expect(line1Findings.locator('.finding-message').first().textContent()).resolves.toMatch(/^Line 1: S9500 /);
    await expect(line1Findings.locator('.finding-explanation').first().textContent()).resolves.toMatch(/What it means: In simple words/);
    await expect(line1Findings.locator('.finding-remediation').first().textContent()).resolves.toMatch(/What to change: \S/);
    // The finding row follows its line's row.
    const following = await page.locator('tr[data-line="1"] + tr').getAttribute('data-findings-for');
    expect(following).toBe('1');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('XZW000301');
    expect(text).toContain('RIVERA, D.');
    expect(text).not.toContain('Dana');
    expect(text).not.toContain('1961-07-14');
    for (const section of ['Lines', 'Documentation', 'Actions', 'Scrub history', 'Audit trail']) await page.getByRole('heading', { level: 2, name: section }).waitFor();
    // The claim's address is its opaque reference, in the hash: nothing about it reaches a server log.
    expect(new URL(page.url()).hash).toMatch(/^#\/claims\/cr-[0-9a-f]+$/);
    expect(errors).toEqual([]);
  });

  it('moves through the list with j and k, opens with Enter; / searches and ? shows the keys', async () => {
    const { page, errors } = await open();
    const listed = await rows(page);
    await page.locator('body').press('j');
    await page.locator('body').press('j');
    await page.keyboard.press('k');
    await expect(focusedText(page)).resolves.toBe(listed[0]?.claimId);
    await page.keyboard.press('ArrowDown');
    await expect(focusedText(page)).resolves.toBe(listed[1]?.claimId);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Claim ${listed[1]?.claimId}` }).waitFor();
    expect(page.url()).toContain(`#/claims/${listed[1]?.reference}`);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Open claims' }).waitFor();
    // Back on the list, the row it was opened from has the focus again.
    await expect.poll(() => focusedText(page)).toBe(listed[1]?.claimId);
    await page.keyboard.press('/');
    await expect(page.evaluate<string | undefined>('document.activeElement?.id')).resolves.toBe('claim-search');
    await page.keyboard.type('HI-2020-0005');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await rows(page)).map((r) => r.claimId)).toEqual(['HI-2020-0005']);
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
  });

  it('has no serious or critical accessibility violations (axe-core) on the list, a claim and its forms', async () => {
    const { page, errors } = await open();
    expect(await axeViolations(page)).toEqual([]);
    await openClaim(page, 'HI-2020-0004');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Correct and rescrub' }).click();
    await page.getByRole('heading', { name: 'Edit the claim' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByRole('button', { name: 'Resolve', exact: true }).last().click();
    await page.getByText('Write a note saying how it was fixed.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('fits 1280×800, 1366×768 and 1440×900 without sideways scrolling', async () => {
    const { page, errors } = await open();
    const overflow = () => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1366, height: 768 },
      { width: 1440, height: 900 },
    ]) {
      await page.setViewportSize(viewport);
      await page.goto(`${stack.url}/#/`);
      await page.locator('table.worklist[data-loaded="true"]').waitFor();
      expect(await overflow(), `the list at ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(0);
      await openClaim(page, 'HI-2020-0006');
      await page.getByRole('button', { name: 'Correct and rescrub' }).click();
      await page.getByRole('heading', { name: 'Edit the claim' }).waitFor();
      expect(await overflow(), `a claim being corrected at ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(0);
    }
    expect(errors).toEqual([]);
  });

  it('corrects a claim on the page and rescrubs it: clean, it leaves the open list as superseded', async () => {
    const { page, errors } = await open();
    // A colleague has the same claim open meanwhile.
    const colleague = await open('supervisor');
    await openClaim(colleague.page, 'HI-2020-0007');
    await openClaim(page, 'HI-2020-0007');
    await expect(page.locator('tr[data-findings-for="1"]').textContent()).resolves.toContain('PAYER-SS-NOT-ACCEPTED');
    await page.getByRole('button', { name: 'Correct and rescrub' }).click();
    // The finding's own advice: given in the home, so no SS and place of service 12.
    await page.getByLabel('Line 1 modifiers').fill('');
    await page.getByLabel('Line 1 place of service').fill('12');
    await page.getByRole('button', { name: 'Hand in the correction and rescrub' }).click();
    await expect.poll(() => page.locator('.notice-status').textContent()).toMatch(/handed in|is clean/);
    await expect.poll(() => page.locator('.notice-status').textContent(), { timeout: 60_000 }).toMatch(/is clean and has left the open list \(superseded\)/);
    await expect.poll(() => page.locator('.claim-header .badges').textContent()).toContain('Superseded');
    await page.getByRole('link', { name: 'Back to the list' }).click();
    expect((await rows(page)).map((r) => r.claimId)).not.toContain('HI-2020-0007');
    await page.getByLabel('State').selectOption('superseded');
    await expect.poll(async () => (await rows(page)).map((r) => r.claimId)).toContain('HI-2020-0007');
    // The colleague's page still shows the version before the correction: acting on it is refused as stale.
    await colleague.page.getByRole('button', { name: 'Add a note' }).click();
    await colleague.page.getByLabel('Note', { exact: true }).fill('Called the payer.');
    await colleague.page.getByRole('button', { name: 'Add the note' }).click();
    await colleague.page.getByRole('button', { name: 'Reload the claim' }).waitFor();
    await expect(colleague.page.locator('.notice-error').textContent()).resolves.toMatch(/reload/i);
    await colleague.page.getByRole('button', { name: 'Reload the claim' }).click();
    await expect.poll(() => colleague.page.locator('.claim-header .badges').textContent()).toContain('Superseded');
    expect([...errors, ...colleague.errors]).toEqual([]);
  });

  it('refuses a correction that breaks the contract, and takes a corrected claim file', async () => {
    const { page, errors } = await open();
    await openClaim(page, 'HI-2026-0012');
    await expect(page.locator('tr[data-findings-for="1"]').textContent()).resolves.toContain('SERVICE-DATE-FUTURE');
    await page.getByRole('button', { name: 'Correct and rescrub' }).click();
    // A correction that breaks the claim contract is not handed in; the page lists what is wrong.
    await page.getByLabel('Line 1 procedure code').fill('S95');
    await page.getByRole('button', { name: 'Hand in the correction and rescrub' }).click();
    await expect.poll(() => page.locator('.problems').textContent()).toMatch(/Line 1 procedure code: must be 5 letters or digits/);
    // The billing system's export of the claim, its service date typed right this time.
    const exported = readFileSync(join(import.meta.dirname, '..', '..', 'examples', '05-billing-system-claims.ndjson'), 'utf8').split('\n').find((line) => line.includes('"HI-2026-0012"')) ?? '';
    const corrected = exported.replace('"2099-06-01"', '"2026-03-02"');
    expect(corrected).not.toBe(exported);
    await page.getByLabel('Corrected claim file (JSON, X12 837P or FHIR)').setInputFiles({ name: 'HI-2026-0012.json', mimeType: 'application/json', buffer: Buffer.from(corrected) });
    await page.getByRole('button', { name: 'Upload and rescrub' }).click();
    await expect.poll(() => page.locator('.notice-status').textContent(), { timeout: 60_000 }).toMatch(/is clean and has left the open list/);
    const history = (await page.locator('section[aria-labelledby="history-heading"]').textContent()) ?? '';
    expect(history).toContain('Clean');
    expect(history).toContain('Flagged');
    expect(errors).toEqual([]);
  });

  it('lets a supervisor override with a reason, and says so when the reason is missing', async () => {
    const { page, errors } = await open('supervisor');
    await openClaim(page, 'HI-2020-0008');
    await page.getByRole('button', { name: 'Override' }).click();
    await page.getByRole('button', { name: 'Override and release' }).click();
    await expect.poll(() => page.locator('.field-problem').textContent()).toMatch(/reason is required/i);
    await expect(page.getByLabel(/Reason for releasing/).getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel(/Reason for releasing/).fill('Acme Health confirmed by phone that it pays S9338 in the suite.');
    await page.getByRole('button', { name: 'Override and release' }).click();
    await expect.poll(() => page.locator('.notice-status').textContent()).toMatch(/Overridden/);
    await expect.poll(() => page.locator('.claim-header .badges').textContent()).toContain('Overridden');
    const audit = (await page.locator('section[aria-labelledby="audit-heading"]').textContent()) ?? '';
    expect(audit).toContain('Acme Health confirmed by phone');
    expect(audit).toContain(stack.users.supervisor.username);
    // Overridden, it can be reopened, and overridden no more.
    await expect(page.getByRole('button', { name: 'Override', exact: true }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('does not offer a reviewer the override', async () => {
    const { page, errors } = await open('reviewer');
    await openClaim(page, 'HI-2020-0005');
    await page.getByRole('button', { name: 'Resolve' }).waitFor();
    await expect(page.getByRole('button', { name: /Override/ }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it("never shows another organisation's claim: not in the list, not found by its address", async () => {
    const { page, errors } = await open('reviewer');
    const listed = await rows(page);
    expect(listed.map((r) => r.reference)).not.toContain(otherOrganisationReference);
    expect(listed.map((r) => r.claimId)).not.toContain('LK-2020-0001');
    await page.getByRole('searchbox', { name: 'Claim id' }).fill('LK-2020-0001');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => page.locator('p.summary').textContent()).toMatch(/No open claim has the claim id LK-2020-0001/);
    await page.goto(`${stack.url}/#/claims/${otherOrganisationReference}`);
    await page.getByRole('heading', { level: 1, name: 'Claim not found' }).waitFor();
    // The reference is real: its own organisation opens it.
    const other = await open('otherOrganisation');
    await other.page.goto(`${stack.url}/#/claims/${otherOrganisationReference}`);
    await other.page.getByRole('heading', { level: 1, name: 'Claim LK-2020-0001' }).waitFor();
    expect([...errors, ...other.errors]).toEqual([]);
  });
});
