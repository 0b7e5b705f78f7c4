// The simulator's HTTP side: a table of routes (minting client secrets, call control; the
// WebRTC endpoint adds its offer route here) and the service's JSON error bodies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { either } from 'fp-ts';
import type { Duplex } from 'node:stream';
import type { CallRegistry, CallControlRefusal } from './calls.js';
import type { ClientSecretStore } from './client-secrets.js';
import { newId } from './ids.js';
import { presentedKeys } from './request-keys.js';
import { defaultSession, mergeSession } from './session-config.js';
import type { Json, SimulatorOptions } from './types.js';
import { checkClientFrame } from './validate.js';

/** What a route answers: a status, a JSON or text body, extra headers. */
export interface HttpAnswer {
  readonly status: number;
  readonly body?: Json | string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a route handler gets: the request, its path match and its body text. */
export interface HttpRequest {
  readonly req: IncomingMessage;
  readonly match: RegExpExecArray;
  readonly body: string;
}

/** The simulator state the routes work on. */
export interface RouteDeps {
  readonly options: SimulatorOptions;
  readonly keys: ClientSecretStore;
  readonly calls: CallRegistry;
}

/** One route: method, path pattern (over the URL's pathname) and handler. */
export interface HttpRoute {
  readonly method: 'GET' | 'POST';
  readonly path: RegExp;
  readonly handle: (request: HttpRequest, deps: RouteDeps) => HttpAnswer | Promise<HttpAnswer>;
}

/** The service's error body. */
export function apiError(
  status: number,
  message: string,
  code: string | null = null,
  param: string | null = null,
): HttpAnswer {
  return { status, body: { error: { message, type: 'invalid_request_error', param, code } } };
}

const wrongKey = (): HttpAnswer => apiError(401, 'Incorrect API key provided.', 'invalid_api_key');

/** Answers a refused WebSocket upgrade on the raw socket, as the service does over HTTP. */
export function refuseUpgrade(socket: Duplex, answer: HttpAnswer): void {
  const body = JSON.stringify(answer.body ?? {});
  const reason = answer.status === 404 ? 'Not Found' : 'Unauthorized';
  socket.end(
    `HTTP/1.1 ${answer.status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The upgrade answer for an expired, unknown or wrong key. */
export const WRONG_KEY = wrongKey();

/** Minting and call control need the real key when one is configured (never an `ek_` key). */
function hasRealKey(req: IncomingMessage, options: SimulatorOptions): boolean {
  return options.apiKey === undefined || presentedKeys(req).includes(options.apiKey);
}

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseBody(text: string): either.Either<HttpAnswer, Json> {
  if (text.trim() === '') return either.right({});
  try {
    const body: unknown = JSON.parse(text);
    return isJson(body)
      ? either.right(body)
      : either.left(apiError(400, 'The body must be a JSON object.', 'invalid_json'));
  } catch {
    return either.left(
      apiError(400, 'We could not parse the JSON body of your request.', 'invalid_json'),
    );
  }
}

/** A session config checked like a `session.update`; the service's 400 otherwise. */
function checkSession(session: unknown): either.Either<HttpAnswer, Json> {
  const checked = checkClientFrame(JSON.stringify({ type: 'session.update', session }), 'ga');
  if (checked.ok) return either.right(checked.event.session as Json);
  const error = checked.error.error as Json;
  const param = typeof error.param === 'string' ? error.param.replace(/^session\.?/, '') : null;
  return either.left(apiError(400, String(error.message), String(error.code), param || null));
}

/** The lifetime `expires_after` asks for (default 600 s), or the service's 400. */
function lifetimeSeconds(expiry: unknown): either.Either<HttpAnswer, number> {
  if (expiry === undefined) return either.right(600);
  if (!isJson(expiry) || (expiry.anchor !== undefined && expiry.anchor !== 'created_at'))
    return either.left(
      apiError(
        400,
        "Invalid 'expires_after.anchor': expected 'created_at'.",
        'invalid_value',
        'expires_after.anchor',
      ),
    );
  const { seconds } = expiry;
  if (seconds === undefined) return either.right(600);
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 10 || seconds > 7200)
    return either.left(
      apiError(
        400,
        "Invalid 'expires_after.seconds': expected an integer from 10 to 7200.",
        'invalid_value',
        'expires_after.seconds',
      ),
    );
  return either.right(seconds);
}

function mintClientSecret({ req, body }: HttpRequest, deps: RouteDeps): HttpAnswer {
  if (!hasRealKey(req, deps.options)) return wrongKey();
  const parsed = parseBody(body);
  if (parsed._tag === 'Left') return parsed.left;
  const seconds = lifetimeSeconds(parsed.right.expires_after);
  if (seconds._tag === 'Left') return seconds.left;
  const requested =
    parsed.right.session === undefined ? either.right({}) : checkSession(parsed.right.session);
  if (requested._tag === 'Left') return requested.left;
  const config = mergeSession(deps.options.session ?? {}, requested.right);
  const { value, expiresAt } = deps.keys.mint(seconds.right, config);
  const session = mergeSession(defaultSession(newId('sess'), 'ga', expiresAt), config);
  return { status: 200, body: { value, expires_at: expiresAt, session } };
}

function controlAnswer(refusal: CallControlRefusal | undefined, callId: string): HttpAnswer {
  switch (refusal) {
    case undefined:
      return { status: 200 };
    case 'not_found':
      return apiError(404, `Call '${callId}' not found.`, 'call_not_found');
    case 'not_ringing':
      return apiError(400, `Call '${callId}' is not ringing.`, 'invalid_call_state');
    case 'not_active':
      return apiError(400, `Call '${callId}' has already ended.`, 'invalid_call_state');
  }
}

function controlCall({ req, match, body }: HttpRequest, deps: RouteDeps): HttpAnswer {
  if (!hasRealKey(req, deps.options)) return wrongKey();
  const [, rawId, action] = match;
  const callId = decodeURIComponent(rawId);
  const read = parseBody(body);
  if (read._tag === 'Left') return read.left;
  const parsed = read.right;
  const { calls } = deps;
  if (!calls.info(callId)) return controlAnswer('not_found', callId);
  switch (action) {
    case 'accept': {
      if (parsed.type !== 'realtime')
        return apiError(
          400,
          "Missing required parameter: 'type' ('realtime').",
          'missing_required_parameter',
          'type',
        );
      const session = checkSession(parsed);
      if (session._tag === 'Left') return session.left;
      return controlAnswer(calls.accept(callId, session.right), callId);
    }
    case 'reject': {
      const status = parsed.status_code ?? 603;
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 699)
        return apiError(
          400,
          "Invalid 'status_code': expected a SIP status from 400 to 699.",
          'invalid_value',
          'status_code',
        );
      return controlAnswer(calls.reject(callId, status), callId);
    }
    case 'refer':
      if (typeof parsed.target_uri !== 'string' || parsed.target_uri === '')
        return apiError(
          400,
          "Missing required parameter: 'target_uri'.",
          'missing_required_parameter',
          'target_uri',
        );
      return controlAnswer(calls.refer(callId, parsed.target_uri), callId);
    default:
      return controlAnswer(calls.hangup(callId), callId);
  }
}

/** The simulator's HTTP routes. The WebRTC offer route (`POST /v1/realtime/calls`) joins them. */
export const simulatorRoutes: HttpRoute[] = [
  { method: 'POST', path: /^\/v1\/realtime\/client_secrets$/, handle: mintClientSecret },
  {
    method: 'POST',
    path: /^\/v1\/realtime\/calls\/([^/]+)\/(accept|reject|refer|hangup)$/,
    handle: controlCall,
  },
];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function write(res: ServerResponse, answer: HttpAnswer): void {
  const text =
    answer.body === undefined
      ? ''
      : typeof answer.body === 'string'
        ? answer.body
        : JSON.stringify(answer.body);
  const type = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
  res
    .writeHead(answer.status, { ...(text ? { 'Content-Type': type } : {}), ...answer.headers })
    .end(text);
}

/**
 * Answers one plain HTTP request from the route table: the first route whose method and path
 * match handles it; a WebSocket path without an upgrade gets 426, anything else 404.
 */
export async function handleHttp(
  req: IncomingMessage,
  res: ServerResponse,
  deps: RouteDeps,
  routes: readonly HttpRoute[] = simulatorRoutes,
): Promise<void> {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  try {
    for (const route of routes) {
      const match = route.method === req.method ? route.path.exec(pathname) : null;
      if (match)
        return write(res, await route.handle({ req, match, body: await readBody(req) }, deps));
    }
    if (pathname === '/v1/realtime' || pathname === '/v1/realtime/translations')
      return write(res, { status: 426, body: 'Upgrade to WebSocket required' });
    write(res, apiError(404, `Unknown request URL: ${req.method} ${pathname}.`, 'unknown_url'));
  } catch (cause) {
    write(res, {
      status: 500,
      body: { error: { message: String(cause), type: 'server_error', param: null, code: null } },
    });
  }
}
