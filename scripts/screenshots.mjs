// Screenshots of every story, in the light and the dark theme, from the built Storybook
// (`npm run build-storybook` first): `node scripts/screenshots.mjs [filter]` writes
// screenshots/<story-id>.<theme>.png. For looking at what was built, not for tests.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { serveDirectory } from './static-server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'screenshots');
const filter = process.argv[2] ?? '';
const index = JSON.parse(readFileSync(join(ROOT, 'storybook-static/index.json'), 'utf8'));
const stories = Object.values(index.entries).filter(
  (entry) => entry.type === 'story' && entry.id.includes(filter),
);
mkdirSync(OUT, { recursive: true });
const { server, baseUrl } = await serveDirectory(join(ROOT, 'storybook-static'));
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  for (const theme of ['light', 'dark']) {
    const page = await browser.newPage({
      viewport: { width: 1100, height: 700 },
      colorScheme: theme,
    });
    for (const story of stories) {
      await page.goto(
        `${baseUrl}/iframe.html?id=${story.id}&viewMode=story&globals=theme:${theme}`,
      );
      await page.waitForSelector('#storybook-root > *', { timeout: 60_000 });
      await page.waitForTimeout(600);
      const file = join(OUT, `${story.id}.${theme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file.slice(ROOT.length));
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
