// Makes sure a Chromium is installed for `npm run test:browser`: the distribution's package,
// never a browser download. Exports `findChromium()` so the browser runner looks in the same
// places: $CHROMIUM_PATH, /usr/bin/chromium, then `chromium` on PATH.
const { accessSync, constants } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { delimiter, join } = require('node:path');

const DEBIAN_PATH = '/usr/bin/chromium';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable Chromium among the known places, or undefined. */
function findChromium() {
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'chromium'));
  const candidates = [process.env.CHROMIUM_PATH, DEBIAN_PATH, ...onPath].filter(Boolean);
  return candidates.find(isExecutable);
}

function fail(message) {
  console.error(`rx-realtime: ${message}`);
  process.exit(1);
}

function run(command, args) {
  console.error(`rx-realtime: $ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

function installChromium() {
  const manual =
    'install it with `apt-get install -y --no-install-recommends chromium` (as root), ' +
    'or set CHROMIUM_PATH to a Chromium executable.';
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    fail(`Chromium is missing and this is not root, so it cannot be installed here: ${manual}`);
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0)
    fail(`Chromium is missing and apt-get is not available: ${manual}`);
  const install = ['install', '-y', '--no-install-recommends', 'chromium'];
  // A fresh machine often has no package lists yet: refresh them once, then try again.
  const installed =
    run('apt-get', install) || (run('apt-get', ['update']) && run('apt-get', install));
  if (!installed) fail(`apt-get could not install chromium: ${manual}`);
}

function main() {
  if (process.env.CHROMIUM_PATH && !isExecutable(process.env.CHROMIUM_PATH))
    console.error(`rx-realtime: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not executable.`);
  if (findChromium()) return;
  console.error('rx-realtime: Chromium not found; installing the Debian package...');
  installChromium();
  const found = findChromium();
  if (!found) fail('Chromium was installed but no executable was found at /usr/bin/chromium.');
  console.error(`rx-realtime: Chromium installed at ${found}.`);
}

if (require.main === module) main();

module.exports = { findChromium };
