// Renders media/icon.svg to the 128×128 media/icon.png the marketplace needs, with Debian's Chromium
// (no image tools on our machines). Run after changing the SVG: node scripts/render-icon.mjs
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, REPO } from './lib/codeServer.mjs';

const svg = readFileSync(join(REPO, 'media', 'icon.svg'), 'utf8');
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'icon-')), { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 128, height: 128 } });
const page = ctx.pages()[0] ?? (await ctx.newPage());
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.locator('svg').screenshot({ path: join(REPO, 'media', 'icon.png'), omitBackground: true });
await ctx.close();
