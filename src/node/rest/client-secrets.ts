// `createClientSecret`: the app's server mints a short-lived `ek_` key for a browser with
// `POST /v1/realtime/client_secrets`, so the real API key never leaves the server.
import { either } from 'fp-ts';
import { ClientSecretResponse } from '../../protocol/client-secret.js';
import { describeValue } from '../../protocol/errors.js';
import type { EncodeOptions } from '../../protocol/index.js';
import { firstMismatch } from '../../protocol/report.js';
import { ClientSecretError, type RealtimeHttpFailure } from './errors.js';
import { postJson, type RealtimeHttpOptions } from './http.js';
import { checkSessionConfig, type SessionConfig } from './validate.js';

/**
 * Options of {@link createClientSecret}.
 *
 * @example
 * ```ts
 * import type { ClientSecretOptions } from 'rx-realtime/node';
 * const options: ClientSecretOptions = {
 *   apiKey: process.env.OPENAI_API_KEY ?? '',
 *   expiresAfterSeconds: 300,
 *   session: { type: 'realtime', model: 'gpt-realtime', instructions: 'Be brief.' },
 * };
 * ```
 */
export interface ClientSecretOptions extends RealtimeHttpOptions {
  /**
   * The session every connection opened with the key starts with (a client may still change
   * it with `session.update`). Checked like a `session.update` before anything is sent.
   */
  readonly session?: SessionConfig;
  /** Lifetime of the key in seconds, 10 to 7200; the service's default is 600. */
  readonly expiresAfterSeconds?: number;
  /** Send session fields the catalogue does not know yet (see `EncodeOptions`). */
  readonly allowUnknownFields?: EncodeOptions['allowUnknownFields'];
}

/**
 * A minted ephemeral key.
 *
 * @example
 * ```ts
 * import type { ClientSecret } from 'rx-realtime/node';
 * const secondsLeft = (secret: ClientSecret, nowMs: number) => secret.expiresAt - nowMs / 1000;
 * ```
 */
export interface ClientSecret {
  /** The `ek_...` key, for `realtimeSocket({ apiKey })` or `webrtcSocket({ clientSecret })`. */
  readonly value: string;
  /**
   * When the key stops opening sessions, in unix **seconds** as the service sends it
   * (`expires_at`). A session opened before then keeps running.
   */
  readonly expiresAt: number;
  /** The effective session a connection with the key starts with. */
  readonly session: ClientSecretResponse['session'];
}

const MIN_SECONDS = 10;
const MAX_SECONDS = 7200;

function requestBody(options: ClientSecretOptions): either.Either<RealtimeHttpFailure, object> {
  const seconds = options.expiresAfterSeconds;
  if (
    seconds !== undefined &&
    !(Number.isInteger(seconds) && seconds >= MIN_SECONDS && seconds <= MAX_SECONDS)
  ) {
    return either.left({
      reason: 'invalid_request',
      message: `expiresAfterSeconds must be a whole number from ${MIN_SECONDS} to ${MAX_SECONDS}, got ${seconds}`,
    });
  }
  const expiry = seconds === undefined ? {} : { expires_after: { anchor: 'created_at', seconds } };
  if (options.session === undefined) return either.right(expiry);
  const session = checkSessionConfig(options.session, options.allowUnknownFields);
  return either.map((checked: unknown) => ({ ...expiry, session: checked }))(session);
}

function parseSecret(text: string): either.Either<RealtimeHttpFailure, ClientSecret> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return either.left({ reason: 'invalid_response', message: 'the answer is not JSON' });
  }
  const decoded = ClientSecretResponse.decode(body);
  if (decoded._tag === 'Left') {
    const { path, expected, actual } = firstMismatch(decoded.left);
    return either.left({
      reason: 'invalid_response',
      message: `unexpected client secret: at ${path || '.'} expected ${expected}, got ${describeValue(actual)}`,
    });
  }
  const { value, expires_at, session } = decoded.right;
  return either.right({ value, expiresAt: expires_at, session });
}

/**
 * Mints an ephemeral `ek_` key with `POST {baseUrl}/realtime/client_secrets`, on the server, for
 * a browser (or any client that must not hold the real key). Resolves to `Right(secret)` or
 * `Left(ClientSecretError)` with a `reason`; never rejects, and the API key appears in no error.
 *
 * @example
 * ```ts
 * import { createClientSecret } from 'rx-realtime/node';
 * const result = await createClientSecret({
 *   apiKey: process.env.OPENAI_API_KEY ?? '',
 *   session: { type: 'realtime', model: 'gpt-realtime', output_modalities: ['audio'] },
 * });
 * if (result._tag === 'Right') console.log(result.right.value, new Date(result.right.expiresAt * 1000));
 * else console.error(result.left.reason, result.left.message);
 * ```
 */
export async function createClientSecret(
  options: ClientSecretOptions,
): Promise<either.Either<ClientSecretError, ClientSecret>> {
  const body = requestBody(options);
  const answer =
    body._tag === 'Left' ? body : await postJson(options, '/realtime/client_secrets', body.right);
  const secret = either.chain(parseSecret)(answer);
  return either.mapLeft((failure: RealtimeHttpFailure) => new ClientSecretError(failure))(secret);
}
