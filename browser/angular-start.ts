/**
 * `npm start` of examples/angular-app: its `ng build` output served on http://127.0.0.1:4200
 * (or `PORT`) next to a simulator that answers in real time, as the app's own server would
 * serve it. Ctrl-C stops both.
 */
import { join } from 'node:path';
import { startSimulator } from 'rx-realtime/node';
import { serveAngularApp, simulatorClientSecret } from './angular-server.js';

// The server's real key: it mints the page's ek_ keys and never reaches the page.
const API_KEY = 'sk-angular-app-server-only';
const browserDir = join(__dirname, '..', 'examples', 'angular-app', 'dist', 'browser');

async function main(): Promise<void> {
  const simulator = await startSimulator({ port: 0, apiKey: API_KEY, pace: 'realtime' });
  const server = await serveAngularApp({
    browserDir,
    simulator,
    mintClientSecret: simulatorClientSecret(simulator, API_KEY),
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
