import { firstValueFrom, filter, timeout, toArray } from 'rxjs';
import { startSimulator, type RunningSimulator } from '../../src/node/simulator/index.js';
import { realtimeSocket } from '../../src/node/transport/index.js';
import {
  realtimeSocket as browserRealtimeSocket,
  ServerError,
  TransportError,
  type RealtimeSocketError,
} from '../../src/transport/index.js';
import { mockWebSocket, type MockWebSockets } from '../../src/testing/mock-websocket.js';

let mock: MockWebSockets = mockWebSocket();

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  jest.restoreAllMocks();
});

describe('beta shutdown (api.openai.com refuses beta since 2026-05)', () => {
  it('over a real socket: one fatal beta_dialect_refused, no reconnect, even with reconnect on', async () => {
    sim = await startSimulator({ pace: 'instant', refuseBeta: true });
    const socket = realtimeSocket({
      url: sim.url,
      dialect: 'beta',
      apiKey: 'sk-b',
      reconnect: true,
    });
    const errors: RealtimeSocketError[] = [];
    socket.errors$.subscribe((e) => errors.push(e));
    const states: string[] = [];
    socket.state$.subscribe((s) => states.push(s.kind));
    const ended = await firstValueFrom(socket.pipe(toArray(), timeout(5000))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(ended).toBeInstanceOf(TransportError);
    const fatal = ended as TransportError;
    expect(fatal.reason).toBe('beta_dialect_refused');
    expect(fatal.fatal).toBe(true);
    expect(fatal.message).toBe(
      "the service no longer accepts the beta dialect: connect with dialect: 'ga' (beta remains only for Azure OpenAI preview deployments and recorded streams)",
    );
    const transportErrors = errors.filter((e) => e instanceof TransportError);
    expect(transportErrors).toEqual([fatal]);
    const serverErrors = errors.filter((e) => e instanceof ServerError);
    expect(serverErrors.map((e) => (e as ServerError).code)).toEqual(['beta_api_shape_disabled']);
    socket.close();
    expect(socket.state).toMatchObject({ kind: 'closed', code: 4000 });
    expect(states).not.toContain('reconnecting');
  });

  it('the same simulator serves GA as usual', async () => {
    sim = await startSimulator({ pace: 'instant', refuseBeta: true });
    const socket = realtimeSocket({ url: sim.url, apiKey: 'sk-g' });
    const created = await firstValueFrom(
      socket.pipe(
        filter((e) => e.type === 'session.created'),
        timeout(5000),
      ),
    );
    expect(created.type).toBe('session.created');
    socket.close();
  });

  it('warns once before connecting with beta to api.openai.com, not for GA or Azure', () => {
    mock = mockWebSocket();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const beta = browserRealtimeSocket({
      model: 'gpt-4o-realtime-preview',
      dialect: 'beta',
      apiKey: 'ek_test',
      WebSocketCtor: mock.WebSocketCtor,
    });
    beta.connect();
    expect(mock.last().url).toMatch(/^wss:\/\/api\.openai\.com\/v1\/realtime/);
    expect(warn.mock.calls).toEqual([
      [
        "rx-realtime: api.openai.com refuses the beta dialect since 2026-05 (beta_api_shape_disabled); use dialect: 'ga'. Beta remains for Azure OpenAI preview deployments.",
      ],
    ]);
    beta.close();
    const ga = browserRealtimeSocket({
      model: 'gpt-realtime',
      apiKey: 'ek_test',
      WebSocketCtor: mock.WebSocketCtor,
    });
    ga.connect();
    ga.close();
    const azure = browserRealtimeSocket({
      azure: {
        endpoint: 'contoso.openai.azure.com',
        deployment: 'rt',
        apiVersion: '2025-04-01-preview',
        apiKey: 'az-key',
      },
      dangerouslyAllowBrowser: true,
      WebSocketCtor: mock.WebSocketCtor,
    });
    azure.connect();
    azure.close();
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
