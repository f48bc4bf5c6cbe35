import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorklistTestStack } from '../test/support/worklist-stack.ts';
import { browserMissing, launchBrowser, newPage, signIn, VIEWPORT } from '../test/web/browser.ts';

/**
 * `npm run screenshots`: the list and a claim page at 1280×800, from the local worklist holding the
 * examples, into docs/images/ (docs/worklist.md shows them).
 */
const IMAGES = fileURLToPath(new URL('../docs/images/', import.meta.url));

const missing = browserMissing();
if (missing) throw new Error(`Cannot take the screenshots: ${missing}`);

const stack = await startWorklistTestStack();
const browser = await launchBrowser();
try {
  await stack.loadExamples();
  await mkdir(IMAGES, { recursive: true });
  const { page } = await newPage(browser, VIEWPORT);
  await signIn(page, stack.url, stack.users.reviewer);
  // Counts load beside the list; wait for them so the filters show their figures.
  await page.locator('#filter-risk option[value="true"]', { hasText: '(' }).waitFor({ state: 'attached' });
  await page.mouse.move(0, VIEWPORT.height - 1);
  await page.screenshot({ path: join(IMAGES, 'worklist-list.png') });
  await page.getByRole('link', { name: 'HI-2020-0003', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Claim HI-2020-0003' }).waitFor();
  await page.mouse.move(0, VIEWPORT.height - 1);
  await page.screenshot({ path: join(IMAGES, 'worklist-claim.png') });
  console.log(`docs/images/worklist-list.png, docs/images/worklist-claim.png (${VIEWPORT.width}×${VIEWPORT.height})`);
} finally {
  await browser.close();
  await stack.stop();
}
