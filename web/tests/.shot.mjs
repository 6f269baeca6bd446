import { chromium } from '/work/main/web/node_modules/playwright-core/index.mjs';
import { serve } from '/work/main/web/tests/server.mjs';
const site = await serve('/work/main/dist');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1100, height: 600 }, colorScheme: process.env.SCHEME ?? 'light' });
page.on('console', m => console.log('console', m.type(), m.text()));
page.on('pageerror', e => console.log('pageerror', e.message));
await page.goto(site.url + (process.env.PATHQ ?? ''));
await page.waitForTimeout(1500);
if (process.env.SRC) { const ed = page.locator('[data-testid=editor]'); await ed.fill(process.env.SRC); await page.waitForTimeout(800); }
await page.screenshot({ path: process.env.OUT ?? '/tmp/shot.png' });
await browser.close(); await site.close();
