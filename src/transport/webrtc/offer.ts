// The SDP offer/answer over HTTP: `POST {baseUrl}/realtime/calls` with the `ek_` key as a
// Bearer token. The body is the bare SDP (`application/sdp`), or, with a session configuration,
// a multipart form with the parts `sdp` and `session`, as the openai SDK sends it. The answer is
// the SDP of the service; the call's id is the last segment of `Location`.
import { TransportError } from '../errors.js';

/** What the service answered. */
export interface OfferAnswer {
  /** The SDP answer. */
  readonly sdp: string;
  /** The call id from `Location`, when the service sent one. */
  readonly callId: string | undefined;
}

/** What one offer request needs. */
export interface OfferRequest {
  readonly fetch: typeof fetch;
  /** `${baseUrl}/realtime/calls`. */
  readonly url: string;
  readonly key: string;
  readonly sdp: string;
  readonly session: Readonly<Record<string, unknown>> | undefined;
}

/** Posts the offer; rejects with a fatal {@link TransportError} when it is refused or fails. */
export async function postOffer(request: OfferRequest): Promise<OfferAnswer> {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${request.key}`,
    Accept: 'application/sdp',
  };
  let body: string | FormData = request.sdp;
  if (request.session) {
    const form = new FormData();
    form.append('sdp', new Blob([request.sdp], { type: 'application/sdp' }), '');
    const session = JSON.stringify(request.session);
    form.append('session', new Blob([session], { type: 'application/json' }), '');
    body = form;
  } else headers['Content-Type'] = 'application/sdp';
  let res: Response;
  try {
    res = await request.fetch(request.url, { method: 'POST', headers, body });
  } catch (cause) {
    const message = `could not post the WebRTC offer to ${request.url}`;
    throw new TransportError('connection_failed', message, true, 1006, { cause });
  }
  if (!res.ok) {
    const status = res.status;
    const refused = status === 401 || status === 403;
    throw new TransportError(
      refused
        ? 'auth_refused'
        : status >= 400 && status < 500
          ? 'upgrade_refused'
          : 'connection_failed',
      refused
        ? `the server refused the credentials for ${request.url} (HTTP ${status})`
        : `the server refused the WebRTC offer to ${request.url} with HTTP ${status}`,
      true,
      1006,
      { status },
    );
  }
  const location = res.headers.get('location');
  return { sdp: await res.text(), callId: location?.split('/').filter(Boolean).pop() };
}
