/**
 * `npm start` of examples/angular-app: its `ng build` output served on http://127.0.0.1:4200
 * (or `PORT`) next to a simulator that answers in real time, as the app's own server would
 * serve it. Ctrl-C stops both.
 */
import { join } from 'node:path';
import { startSimulator } from 'rx-realtime/node';
import { fixedClientSecret, serveAngularApp } from './angular-server.js';

const KEY = 'ek_angular_app_local';
const KEY_LIFETIME_S = 600;
const browserDir = join(__dirname, '..', 'examples', 'angular-app', 'dist', 'browser');

async function main(): Promise<void> {
  const simulator = await startSimulator({ port: 0, apiKey: KEY, pace: 'realtime' });
  const server = await serveAngularApp({
    browserDir,
    simulator,
    mintClientSecret: fixedClientSecret(KEY, KEY_LIFETIME_S),
    port: Number(process.env.PORT ?? 4200),
  });
  console.log(`voice assistant on ${server.origin} (simulator on ${simulator.url}); Ctrl-C stops`);
  process.once('SIGINT', () => {
    void Promise.all([server.close(), simulator.close()]).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
