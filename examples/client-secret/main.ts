/**
 * Ephemeral keys: the server mints, the client uses. A key server (key-server.ts) holds the
 * real API key and mints short-lived `ek_` keys; the client, written as a browser page would
 * be (the core entry, subprotocol auth), gets its key from that server through
 * `clientSecretProvider`, which caches it: two connections cost one mint.
 *
 *   npx tsx examples/client-secret/main.ts            # against the embedded simulator
 *   OPENAI_API_KEY=sk-... npx tsx examples/client-secret/main.ts --live
 */
import { parseArgs } from 'node:util';
import { filter, firstValueFrom, map, reduce, takeWhile } from 'rxjs';
import WebSocket from 'ws';
import {
  clientSecretProvider,
  isEvent,
  realtimeSocket,
  type FetchedClientSecret,
  type WebSocketCtor,
} from 'rx-realtime';
import { startSimulator } from 'rx-realtime/node';
import { runMain } from '../shared/connect.js';
import { startKeyServer } from './key-server.js';

const { values: args } = parseArgs({ options: { live: { type: 'boolean', default: false } } });

async function main(): Promise<void> {
  const liveKey = process.env.OPENAI_API_KEY;
  if (args.live && !liveKey) throw new Error('--live needs OPENAI_API_KEY in the environment');
  // The simulator plays the service: it accepts its real key and the keys it minted.
  const simulator = args.live ? undefined : await startSimulator({ apiKey: 'sk-simulated-real' });
  const keyServer = await startKeyServer({
    apiKey: liveKey && args.live ? liveKey : 'sk-simulated-real',
    baseUrl: simulator?.httpUrl,
  });

  // ---- the client: only the key server's URL, never the real key ----------------------------
  let mints = 0;
  const apiKey = clientSecretProvider(async () => {
    mints += 1;
    const response = await fetch(`${keyServer.url}/realtime-key`, { method: 'POST' });
    if (!response.ok) throw new Error(`key server: HTTP ${response.status}`);
    const secret = (await response.json()) as FetchedClientSecret;
    const minutes = Math.round((secret.expiresAt * 1000 - Date.now()) / 60_000);
    console.log(`minted ${secret.value.slice(0, 3)}… key, valid for ${minutes} min`);
    return secret;
  });

  const ask = async (question: string): Promise<string> => {
    const socket = realtimeSocket({
      ...(simulator ? { url: simulator.url } : { model: 'gpt-realtime-2.1' }),
      apiKey,
      // A page uses the global WebSocket; Node 20 has none, so `ws` stands in for it.
      WebSocketCtor: WebSocket as unknown as WebSocketCtor,
    });
    socket.errors$.subscribe((error) => console.error(`! ${error.message}`));
    const answer = firstValueFrom(
      socket.pipe(
        takeWhile((event) => event.type !== 'response.done'),
        filter(isEvent('response.output_text.delta')),
        map((event) => event.delta),
        reduce((text, delta) => text + delta, ''),
      ),
    );
    socket.next({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: question }] },
    });
    socket.next({ type: 'response.create' });
    const text = await answer;
    socket.close();
    return text;
  };

  console.log(`assistant> ${await ask('Hello there')}`);
  console.log(`assistant> ${await ask('And a second connection?')}`);
  console.log(`keys minted for 2 connections: ${mints}`);
  await keyServer.close();
  await simulator?.close();
}

runMain(main);
