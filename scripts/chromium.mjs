// Finds a Chromium or Chrome already on this machine for the browser tests. Nothing here ever
// downloads a browser: CHROME_PATH wins, then the Debian package, then the usual install places.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/**
 * Flags for headless Chromium on shared CI machines: root needs --no-sandbox, and the closed
 * network makes background services retry connections unless they are switched off.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Returns the browser's path, or exits the process with one sentence saying how to get one. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    console.error(`CHROME_PATH is set to ${fromEnv}, but no file is there.`);
    process.exit(1);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  console.error(
    'No Chromium or Chrome found: install one (on Debian/Ubuntu: `apt-get install -y chromium`) or set CHROME_PATH to its executable.',
  );
  process.exit(1);
}
