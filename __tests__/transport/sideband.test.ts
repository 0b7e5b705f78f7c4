import WebSocket from 'ws';
import {
  connectionTarget,
  realtimeSocket as browserRealtimeSocket,
  type WebSocketCtor,
} from '../../src/transport/index.js';
import { realtimeSocket } from '../../src/node/transport/index.js';
import { closeAll, collect, lines, startServer, track, waitFor } from './ws-server.js';

afterEach(closeAll);

describe('sideband sockets attach to a call by id', () => {
  it('node: ?call_id= instead of ?model=, with the Bearer header, over a real ws server', async () => {
    const server = await startServer();
    const socket = track(
      realtimeSocket({
        baseURL: `ws://127.0.0.1:${server.port}/v1`,
        callId: 'rtc_u1_9c6574da8b8a41a1',
        apiKey: 'sk-server',
      }),
    );
    collect(socket);
    const conn = await server.nextConnection();
    expect(conn.url).toBe('/v1/realtime?call_id=rtc_u1_9c6574da8b8a41a1');
    expect(conn.headers['authorization']).toBe('Bearer sk-server');
    conn.ws.send(lines('ga-text-only.server.jsonl')[0]);
    await waitFor(socket, (e) => e.type === 'session.created');
  });

  it('core: the browser-style socket opens the same URL and authenticates by subprotocol', async () => {
    const server = await startServer();
    const socket = track(
      browserRealtimeSocket({
        baseURL: `ws://127.0.0.1:${server.port}/v1`,
        callId: 'rtc a&b',
        apiKey: 'ek_sideband',
        WebSocketCtor: WebSocket as unknown as WebSocketCtor,
        environment: 'server',
      }),
    );
    collect(socket);
    const conn = await server.nextConnection();
    expect(conn.url).toBe('/v1/realtime?call_id=rtc%20a%26b');
    expect(conn.headers['sec-websocket-protocol']).toBe(
      'realtime,openai-insecure-api-key.ek_sideband',
    );
  });

  it('refuses model and callId together with a TypeError naming both', () => {
    expect(() => realtimeSocket({ model: 'gpt-realtime', callId: 'rtc_1' })).toThrow(TypeError);
    expect(() => realtimeSocket({ model: 'gpt-realtime', callId: 'rtc_1' })).toThrow(
      /either model or callId, not both/,
    );
    expect(() =>
      connectionTarget({
        model: 'm',
        callId: 'rtc_1',
        credential: undefined,
        bearer: true,
        auth: 'headers',
      }),
    ).toThrow(/model or callId/);
  });

  it('refuses an empty call id, the beta dialect and the translations endpoint', () => {
    expect(() => realtimeSocket({ callId: '' })).toThrow('callId is empty');
    expect(() => realtimeSocket({ callId: 'rtc_1', dialect: 'beta' })).toThrow(/GA dialect/);
    expect(() => realtimeSocket({ callId: 'rtc_1', endpoint: 'translations' })).toThrow(
      /realtime endpoint/,
    );
  });

  it('Azure GA: call_id replaces the deployment in the query', () => {
    const target = connectionTarget({
      callId: 'rtc_1',
      credential: 'az',
      bearer: false,
      auth: 'headers',
      azure: { endpoint: 'res.openai.azure.com', deployment: 'gpt-realtime' },
    });
    expect(target.url).toBe('wss://res.openai.azure.com/openai/v1/realtime?call_id=rtc_1');
  });
});
