/**
 * `npm run screenshot -- IN.svg OUT.png`: renders an SVG (such as `out/timeline.svg` of
 * `npm start`) in headless Chromium and saves it as a PNG, to look at what the timeline draws.
 */
import { readFileSync } from 'node:fs';
import { launchChromium } from './chromium.js';

async function main(svgPath: string, pngPath: string): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    await page.setContent(readFileSync(svgPath, 'utf8'));
    await page.locator('svg').screenshot({ path: pngPath });
    console.log(`${svgPath} -> ${pngPath}`);
  } finally {
    await browser.close();
  }
}

const [svgPath = 'out/timeline.svg', pngPath = svgPath.replace(/\.svg$/, '') + '.png'] =
  process.argv.slice(2);
main(svgPath, pngPath).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
