// What a REST call to the Realtime API can fail with, as a value: one base class so both
// helpers report alike, and a subclass per helper so an app can tell them apart by name.

/**
 * Why a REST call failed:
 * - `invalid_request`: refused before sending (a bad session config, an out-of-range expiry,
 *   an empty call id); nothing reached the network.
 * - `http_error`: the service answered with a non-2xx status (`status`, and the service's own
 *   `message` and `code` when its body had them).
 * - `network`: the request did not complete (DNS, refused connection, a throwing `fetch`).
 * - `invalid_response`: a 2xx answer whose body is not what the API documents.
 *
 * @example
 * ```ts
 * import type { RealtimeHttpErrorReason } from 'rx-realtime/node';
 * const retryable: readonly RealtimeHttpErrorReason[] = ['network'];
 * ```
 */
export type RealtimeHttpErrorReason =
  'invalid_request' | 'http_error' | 'network' | 'invalid_response';

/**
 * What a failed REST call carries, before it becomes a {@link ClientSecretError} or
 * {@link CallControlError}.
 *
 * @example
 * ```ts
 * import type { RealtimeHttpFailure } from 'rx-realtime/node';
 * const failure: RealtimeHttpFailure = { reason: 'http_error', message: 'HTTP 401', status: 401, code: 'invalid_api_key' };
 * ```
 */
export interface RealtimeHttpFailure {
  /** What went wrong. */
  readonly reason: RealtimeHttpErrorReason;
  /** Says what failed, the service's own message included; never the API key. */
  readonly message: string;
  /** The HTTP status of an `http_error`. */
  readonly status?: number;
  /** The service's error `code` (such as `invalid_api_key`), when it sent one. */
  readonly code?: string;
  /** The underlying error (what `fetch` threw, the decode report), secrets redacted. */
  readonly cause?: unknown;
}

/**
 * A failed REST call to the Realtime API. Never thrown by the helpers: they resolve to
 * `Left` of a subclass. The message and every nested field are free of the API key.
 *
 * @example
 * ```ts
 * import { RealtimeHttpError } from 'rx-realtime/node';
 * const error = new RealtimeHttpError({ reason: 'network', message: 'connection refused' });
 * console.log(error.reason, error.status); // 'network' undefined
 * ```
 */
export class RealtimeHttpError extends Error {
  /** `RealtimeHttpError`, or the subclass's name. */
  override readonly name: string = 'RealtimeHttpError';
  /** What went wrong. */
  readonly reason: RealtimeHttpErrorReason;
  /** The HTTP status of an `http_error`. */
  readonly status: number | undefined;
  /** The service's error `code`, when it sent one. */
  readonly code: string | undefined;
  constructor(failure: RealtimeHttpFailure) {
    super(failure.message, 'cause' in failure ? { cause: failure.cause } : undefined);
    this.reason = failure.reason;
    this.status = failure.status;
    this.code = failure.code;
  }
}

/**
 * Why `createClientSecret` could not mint a key.
 *
 * @example
 * ```ts
 * import { createClientSecret } from 'rx-realtime/node';
 * const result = await createClientSecret({ apiKey: 'sk-...', expiresAfterSeconds: 5 });
 * if (result._tag === 'Left') console.log(result.left.name, result.left.reason); // ClientSecretError invalid_request
 * ```
 */
export class ClientSecretError extends RealtimeHttpError {
  /** Always `ClientSecretError`. */
  override readonly name = 'ClientSecretError';
}

/**
 * Why `acceptCall`, `rejectCall`, `referCall` or `hangupCall` failed.
 *
 * @example
 * ```ts
 * import { hangupCall } from 'rx-realtime/node';
 * const result = await hangupCall('rtc_123', { apiKey: 'sk-...' });
 * if (result._tag === 'Left' && result.left.status === 404) console.log('no such call');
 * ```
 */
export class CallControlError extends RealtimeHttpError {
  /** Always `CallControlError`. */
  override readonly name = 'CallControlError';
}
