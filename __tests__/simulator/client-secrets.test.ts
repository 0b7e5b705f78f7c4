import WebSocket from 'ws';
import { filter, firstValueFrom, take, timeout, toArray, type SchedulerLike } from 'rxjs';
import { clientSecretProvider } from '../../src/transport/index.js';
import {
  createClientSecret,
  realtimeSocket,
  startSimulator,
  type RunningSimulator,
} from '../../src/node/index.js';
import { TestClient } from './client.js';

const REAL = 'sk-sim-real-key';
let sim: RunningSimulator;
let now = 1_767_225_600_000;

beforeEach(async () => {
  now = 1_767_225_600_000;
  sim = await startSimulator({ apiKey: REAL, pace: 'instant', clock: () => now });
});
afterEach(() => sim.close());

/** Whether the simulator opens a WebSocket for `key` (the HTTP status of a refusal otherwise). */
function upgradeWith(key: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(sim.url, { headers: { Authorization: `Bearer ${key}` } });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    ws.on('error', () => undefined); // the destroyed request reports itself here
  });
}

describe('simulated client secrets', () => {
  it('mints an ek_ key with the default lifetime and the effective session', async () => {
    const result = await createClientSecret({
      apiKey: REAL,
      baseUrl: sim.httpUrl,
      session: { type: 'realtime', instructions: 'Answer in French.' },
    });
    if (result._tag !== 'Right') throw result.left;
    expect(result.right.value).toMatch(/^ek_[0-9a-f]{32}$/);
    expect(result.right.expiresAt).toBe(now / 1000 + 600);
    expect(result.right.session).toMatchObject({
      type: 'realtime',
      object: 'realtime.session',
      instructions: 'Answer in French.',
    });
  });

  it('mint -> connect with the ek_ key -> the session starts with the minted config and works', async () => {
    const minted = await createClientSecret({
      apiKey: REAL,
      baseUrl: sim.httpUrl,
      expiresAfterSeconds: 60,
      session: { type: 'realtime', instructions: 'Minted.', output_modalities: ['text'] },
    });
    if (minted._tag !== 'Right') throw minted.left;
    const socket = realtimeSocket({ url: sim.url, apiKey: minted.right.value });
    const events = firstValueFrom(
      socket.pipe(
        filter((e) => e.type === 'session.created' || e.type === 'response.done'),
        take(2),
        toArray(),
        timeout(5000),
      ),
    );
    socket.next({ type: 'response.create' });
    const [created, done] = await events;
    socket.close();
    expect(created.type === 'session.created' && created.session).toMatchObject({
      instructions: 'Minted.',
      output_modalities: ['text'],
    });
    expect(done.type === 'response.done' && done.response.status).toBe('completed');
  });

  it('clientSecretProvider as the apiKey of a socket: two connections, one minted key', async () => {
    let mints = 0;
    const apiKey = clientSecretProvider(
      async () => {
        mints += 1;
        const minted = await createClientSecret({ apiKey: REAL, baseUrl: sim.httpUrl });
        if (minted._tag === 'Left') throw minted.left;
        return minted.right;
      },
      { scheduler: { now: () => now } as SchedulerLike },
    );
    const socket = realtimeSocket({ url: sim.url, apiKey });
    for (let connection = 0; connection < 2; connection++) {
      const created = await firstValueFrom(socket.pipe(timeout(5000)));
      expect(created.type).toBe('session.created');
    }
    expect(mints).toBe(1);
    now += 600_000; // the key expired: the next connection mints a new one
    await firstValueFrom(socket.pipe(timeout(5000)));
    expect(mints).toBe(2);
    socket.close();
  });

  it('refuses an expired key like a wrong key, and still accepts the real key', async () => {
    const minted = await createClientSecret({
      apiKey: REAL,
      baseUrl: sim.httpUrl,
      expiresAfterSeconds: 10,
    });
    if (minted._tag !== 'Right') throw minted.left;
    now += 9_999;
    expect(await upgradeWith(minted.right.value)).toBe('open');
    now += 1;
    expect(await upgradeWith(minted.right.value)).toBe(401);
    expect(await upgradeWith('ek_never_minted')).toBe(401);
    expect(await upgradeWith(REAL)).toBe('open');
  });

  it('a browser-style socket authenticates with the minted key as a subprotocol', async () => {
    const minted = await createClientSecret({ apiKey: REAL, baseUrl: sim.httpUrl });
    if (minted._tag !== 'Right') throw minted.left;
    const ws = new WebSocket(sim.url, [
      'realtime',
      `openai-insecure-api-key.${minted.right.value}`,
    ]);
    const client = new TestClient(ws, 'ga');
    await client.until((frames) => frames.some((f) => f.type === 'session.created'));
    ws.close();
  });

  it('minting needs the real key: a wrong key or a minted key gets 401 invalid_api_key', async () => {
    const minted = await createClientSecret({ apiKey: REAL, baseUrl: sim.httpUrl });
    if (minted._tag !== 'Right') throw minted.left;
    for (const apiKey of ['sk-wrong', minted.right.value]) {
      const result = await createClientSecret({ apiKey, baseUrl: sim.httpUrl });
      if (result._tag !== 'Left') throw new Error('expected Left');
      expect(result.left).toMatchObject({
        reason: 'http_error',
        status: 401,
        code: 'invalid_api_key',
        message: 'POST /realtime/client_secrets failed with HTTP 401: Incorrect API key provided.',
      });
    }
  });

  it('answers a bad expiry or session like the service (400 with the parameter)', async () => {
    const post = (body: unknown) =>
      fetch(`${sim.httpUrl}/realtime/client_secrets`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${REAL}` },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error: object } }));
    expect(await post({ expires_after: { seconds: 3 } })).toEqual({
      status: 400,
      body: {
        error: expect.objectContaining({ code: 'invalid_value', param: 'expires_after.seconds' }),
      },
    });
    const bad = await post({ session: { type: 'realtime', instructionz: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'unknown_parameter', param: 'instructionz' });
  });

  it('a network failure against a closed simulator is a network error value', async () => {
    const url = sim.httpUrl;
    await sim.close();
    const result = await createClientSecret({ apiKey: REAL, baseUrl: url });
    expect(result._tag === 'Left' && result.left.reason).toBe('network');
    sim = await startSimulator();
  });
});
