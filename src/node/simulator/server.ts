import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dialect } from '../../protocol/index.js';
import {
  CallRegistry,
  type CallerInput,
  type CallInfo,
  type CallPeer,
  type PlaceCallOptions,
} from './calls.js';
import { authorizeClient, ClientSecretStore } from './client-secrets.js';
import { SimulatedConnection } from './connection.js';
import { apiError, handleHttp, refuseUpgrade, WRONG_KEY, type RouteDeps } from './http-routes.js';
import { offeredProtocols, presentedKeys } from './request-keys.js';
import { BETA_REFUSAL, errorEvent } from './errors.js';
import type { SimulatorOptions } from './types.js';
import { WebRtcEndpoint } from './webrtc/endpoint.js';
import { webSocketChannel } from './ws-channel.js';

/**
 * A running simulator.
 *
 * @example
 * ```ts
 * import { startSimulator } from 'rx-realtime/node';
 * const sim = await startSimulator();
 * console.log(sim.url); // ws://127.0.0.1:PORT/v1/realtime
 * await sim.close();
 * ```
 */
export interface RunningSimulator {
  /** `ws://127.0.0.1:<port>/v1/realtime`. */
  readonly url: string;
  /**
   * `http://127.0.0.1:<port>/v1`, the REST base: `POST /realtime/client_secrets` mints `ek_`
   * keys, `POST /realtime/calls` answers a WebRTC offer, `POST /realtime/calls/{id}/accept|
   * reject|refer|hangup` controls calls. Pass it as `baseUrl` of `createClientSecret`, the
   * call-control functions and `webrtcSocket`.
   */
  readonly httpUrl: string;
  /** The loopback TCP port the simulator listens on (chosen by the OS unless `port` was given). */
  readonly port: number;
  /**
   * Places an incoming call, as a SIP trunk would: it rings until `acceptCall` starts its
   * conversation (with the accepted session config) or `rejectCall` declines it. A sideband
   * socket (`realtimeSocket({ callId })`) attaches to it once accepted.
   */
  placeCall(options?: PlaceCallOptions): {
    /** The new call's id (`rtc_` + 32 hex digits), for `acceptCall` and `realtimeSocket({ callId })`. */
    readonly callId: string;
  };
  /** What the simulator knows about a call; undefined for an unknown id. */
  call(callId: string): CallInfo | undefined;
  /**
   * The caller of an active call presses keys (DTMF events) and speaks (server VAD turns it
   * into a user turn and a response). False when the call is not active.
   */
  callerInput(callId: string, input: CallerInput): boolean;
  /** Drops every connection and stops listening. */
  close(): Promise<void>;
}

function dialectOf(req: IncomingMessage): Dialect {
  const beta = req.headers['openai-beta'];
  if (typeof beta === 'string' && beta.includes('realtime=v1')) return 'beta';
  return offeredProtocols(req).includes('openai-beta.realtime-v1') ? 'beta' : 'ga';
}

/** A `ws` socket as a peer of a call: what the call sends, and closes (1006 drops it). */
function socketPeer(ws: WebSocket): CallPeer {
  return {
    send: (text) => {
      if (ws.readyState === ws.OPEN) ws.send(text);
    },
    close: (code, reason) => (code === 1006 ? ws.terminate() : ws.close(code, reason)),
  };
}

/** Attaches a sideband socket to its call: it sees the call's events, its frames steer it. */
function attachSideband(ws: WebSocket, calls: CallRegistry, callId: string): void {
  const attached = calls.attach(callId, socketPeer(ws));
  if (!attached) return ws.close(1000, 'call ended');
  ws.on('message', (data, isBinary) => {
    if (!isBinary) attached.deliver(String(data));
  });
  ws.on('close', () => attached.detach());
}

/**
 * Starts a protocol-faithful OpenAI Realtime simulator on 127.0.0.1 (see docs/simulator.md).
 * GA dialect by default; beta when the client sends `OpenAI-Beta: realtime=v1` or the
 * `openai-beta.realtime-v1` subprotocol (refused like the service with `refuseBeta`).
 *
 * @example
 * ```ts
 * import { startSimulator } from 'rx-realtime/node';
 * const sim = await startSimulator({ pace: 'instant', script: () => ({ text: 'Hi!' }) });
 * // connect a client to sim.url ...
 * await sim.close();
 * ```
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const keys = new ClientSecretStore(options.clock ?? Date.now);
  const calls = new CallRegistry(options);
  const deps: RouteDeps = { options, keys, calls };
  // A WebRTC client authenticates like a WebSocket one: the real key or a minted one.
  const webrtc = new WebRtcEndpoint(
    options,
    (req) => authorizeClient(presentedKeys(req), options.apiKey, keys).ok,
  );
  const http = createServer((req, res) => {
    if (webrtc.handles(req)) return void webrtc.handle(req, res);
    void handleHttp(req, res, deps);
  });
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('realtime') ? 'realtime' : false),
  });
  const connections = new Set<SimulatedConnection>();
  http.on('upgrade', (req, socket, head) => {
    const auth = authorizeClient(presentedKeys(req), options.apiKey, keys);
    if (!auth.ok) return refuseUpgrade(socket, WRONG_KEY);
    const callId = new URL(req.url ?? '/', 'http://localhost').searchParams.get('call_id');
    if (callId !== null) {
      if (calls.info(callId)?.state !== 'active')
        return refuseUpgrade(
          socket,
          apiError(404, `Call '${callId}' not found.`, 'call_not_found'),
        );
      return wss.handleUpgrade(req, socket, head, (ws) => attachSideband(ws, calls, callId));
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const dialect = dialectOf(req);
      if (dialect === 'beta' && options.refuseBeta) {
        ws.send(JSON.stringify(errorEvent('beta_api_shape_disabled', BETA_REFUSAL.message, null)));
        ws.close(BETA_REFUSAL.closeCode);
        return;
      }
      const session = auth.session ?? options.session;
      const connection = new SimulatedConnection(webSocketChannel(ws), dialect, {
        ...options,
        session,
      });
      connections.add(connection);
      ws.on('message', (data, isBinary) => {
        if (!isBinary) connection.receive(String(data));
      });
      ws.on('close', () => {
        connection.dispose();
        connections.delete(connection);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/v1/realtime`,
    httpUrl: `http://127.0.0.1:${port}/v1`,
    port,
    placeCall: (callOptions) => ({ callId: calls.place(callOptions) }),
    call: (callId) => calls.info(callId),
    callerInput: (callId, input) => calls.callerInput(callId, input),
    close: async () => {
      calls.closeAll();
      const webrtcClosed = webrtc.close();
      await new Promise<void>((resolve) => {
        for (const connection of connections) connection.dispose();
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await webrtcClosed;
    },
  };
}
