// `POST /v1/realtime/calls`: the WebRTC offer/answer of the Realtime API. The body is the SDP
// offer (`Content-Type: application/sdp`), or a multipart form with the offer as `sdp` and the
// session configuration as `session` (what the openai SDK's `realtime.calls.create` sends).
// The answer is `201 Created` with the SDP answer and the call's id in `Location`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { base62 } from '../ids.js';
import type { Json, SimulatorOptions } from '../types.js';
import { SimulatedCall } from './call.js';
import { loadWebRtcStack } from './stack.js';

/** The path the endpoint answers on. */
export const CALLS_PATH = '/v1/realtime/calls';

/** The offer and session configuration of a request, or why it is not usable. */
type Offer =
  { readonly sdp: string; readonly session: Json | undefined } | { readonly error: string };

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(res: ServerResponse, status: number, message: string, code: string | null): void {
  const type = status >= 500 ? 'server_error' : 'invalid_request_error';
  const body = JSON.stringify({ error: { message, type, param: null, code } });
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const textOf = async (entry: FormDataEntryValue | null): Promise<string | undefined> =>
  entry === null ? undefined : typeof entry === 'string' ? entry : entry.text();

/** An offer must at least look like SDP with a media section before werift parses it. */
const checked = (sdp: string, session: Json | undefined): Offer =>
  sdp.startsWith('v=0') && /^m=/m.test(sdp)
    ? { sdp, session }
    : { error: "Invalid 'sdp': not an SDP offer with media sections." };

async function parseOffer(req: IncomingMessage): Promise<Offer> {
  const type = req.headers['content-type'] ?? '';
  const body = await readBody(req);
  if (type.startsWith('application/sdp')) return checked(body.toString('utf8'), undefined);
  if (!type.startsWith('multipart/form-data'))
    return {
      error: `Unsupported content type '${type}': send the SDP offer as application/sdp or multipart/form-data.`,
    };
  let form: FormData;
  try {
    form = await new Response(Uint8Array.from(body), {
      headers: { 'content-type': type },
    }).formData();
  } catch {
    return { error: 'The multipart form could not be parsed.' };
  }
  const sdp = await textOf(form.get('sdp'));
  if (sdp === undefined) return { error: "Missing required parameter: 'sdp'." };
  const sessionText = await textOf(form.get('session'));
  if (sessionText === undefined) return checked(sdp, undefined);
  let session: unknown;
  try {
    session = JSON.parse(sessionText);
  } catch {
    return { error: "Invalid 'session': not JSON." };
  }
  return isJson(session)
    ? checked(sdp, session)
    : { error: "Invalid 'session': expected an object." };
}

/** The simulator's WebRTC endpoint and the calls it answered. */
export class WebRtcEndpoint {
  private readonly calls = new Map<string, SimulatedCall>();

  constructor(
    private readonly options: SimulatorOptions,
    /** Whether the request carries a key the simulator accepts (as for its WebSocket). */
    private readonly accepts: (req: IncomingMessage) => boolean,
  ) {}

  /** Whether this endpoint answers the request. */
  handles(req: IncomingMessage): boolean {
    return new URL(req.url ?? '/', 'http://localhost').pathname === CALLS_PATH;
  }

  /** Answers an offer: 201 with the SDP answer, or an error like the service's. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A page on another origin posts its offer here, as to the service.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'Location');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
      });
      return void res.end();
    }
    if (req.method !== 'POST')
      return fail(res, 405, `Method ${req.method} not allowed on ${CALLS_PATH}.`, null);
    const auth = req.headers.authorization;
    if (typeof auth !== 'string' || !auth.startsWith('Bearer ') || !this.accepts(req))
      return fail(res, 401, 'Incorrect API key provided.', 'invalid_api_key');
    const offer = await parseOffer(req);
    if ('error' in offer) return fail(res, 400, offer.error, 'invalid_request_error');
    let stack;
    try {
      stack = await loadWebRtcStack();
    } catch (error) {
      return fail(res, 501, (error as Error).message, 'webrtc_unavailable');
    }
    const callId = `rtc_${base62(21)}`;
    let answered: Awaited<ReturnType<typeof SimulatedCall.answer>>;
    try {
      answered = await SimulatedCall.answer(stack, {
        offer: offer.sdp,
        session: offer.session,
        options: this.options,
        onEnd: () => this.calls.delete(callId),
      });
    } catch (error) {
      return fail(res, 400, `Invalid SDP offer: ${(error as Error).message}`, 'invalid_offer');
    }
    this.register(callId, answered.call);
    res
      .writeHead(201, { 'Content-Type': 'application/sdp', Location: `${CALLS_PATH}/${callId}` })
      .end(answered.answer);
  }

  /** Hangs up every call. */
  async close(): Promise<void> {
    await Promise.all([...this.calls.values()].map((call) => call.close()));
  }

  private register(callId: string, call: SimulatedCall): void {
    this.calls.set(callId, call);
  }
}
