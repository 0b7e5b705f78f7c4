// Call control for SIP (and WebRTC) calls, from the app's server: accept an incoming call with
// the session that will answer it, reject it, transfer it, or end it.
import { either } from 'fp-ts';
import type { EncodeOptions } from '../../protocol/index.js';
import { CallControlError, type RealtimeHttpFailure } from './errors.js';
import { postJson, type RealtimeHttpOptions } from './http.js';
import { checkSessionConfig, type SessionConfig } from './validate.js';

/**
 * Options of {@link acceptCall}: the realtime session that answers the call.
 *
 * @example
 * ```ts
 * import type { AcceptCallOptions } from 'rx-realtime/node';
 * const options: AcceptCallOptions = {
 *   apiKey: process.env.OPENAI_API_KEY ?? '',
 *   session: { type: 'realtime', model: 'gpt-realtime', instructions: 'You answer the phone.' },
 * };
 * ```
 */
export interface AcceptCallOptions extends RealtimeHttpOptions {
  /** The session config (`type: 'realtime'`), checked like a `session.update` before sending. */
  readonly session: Extract<
    SessionConfig,
    {
      /** The realtime session shape (a call is answered by a model). */
      readonly type: 'realtime';
    }
  >;
  /** Send session fields the catalogue does not know yet (see `EncodeOptions`). */
  readonly allowUnknownFields?: EncodeOptions['allowUnknownFields'];
}

/**
 * Options of {@link rejectCall}.
 *
 * @example
 * ```ts
 * import type { RejectCallOptions } from 'rx-realtime/node';
 * const busy: RejectCallOptions = { apiKey: 'sk-...', status_code: 486 };
 * ```
 */
export interface RejectCallOptions extends RealtimeHttpOptions {
  /** The SIP status returned to the caller; the service's default is 603 (Decline). */
  readonly status_code?: number;
}

/**
 * Options of {@link referCall}.
 *
 * @example
 * ```ts
 * import type { ReferCallOptions } from 'rx-realtime/node';
 * const toDesk: ReferCallOptions = { apiKey: 'sk-...', target_uri: 'tel:+14155550123' };
 * ```
 */
export interface ReferCallOptions extends RealtimeHttpOptions {
  /** Where the call goes (SIP REFER `Refer-To`): `tel:+1...` or `sip:user@host`. */
  readonly target_uri: string;
}

const refuse = (message: string): Promise<either.Either<CallControlError, void>> =>
  Promise.resolve(either.left(new CallControlError({ reason: 'invalid_request', message })));

async function control(
  callId: string,
  action: 'accept' | 'reject' | 'refer' | 'hangup',
  options: RealtimeHttpOptions,
  body: either.Either<RealtimeHttpFailure, object>,
): Promise<either.Either<CallControlError, void>> {
  if (typeof callId !== 'string' || callId === '') return refuse('the call id is empty');
  const answer =
    body._tag === 'Left'
      ? body
      : await postJson(
          options,
          `/realtime/calls/${encodeURIComponent(callId)}/${action}`,
          body.right,
        );
  return either.bimap(
    (failure: RealtimeHttpFailure) => new CallControlError(failure),
    () => undefined,
  )(answer);
}

/**
 * Accepts an incoming call (`POST /realtime/calls/{call_id}/accept`) and configures the
 * realtime session that answers it. Attach to it afterwards with
 * `realtimeSocket({ callId, apiKey })` to watch and steer it. Never rejects.
 *
 * @example
 * ```ts
 * import { acceptCall } from 'rx-realtime/node';
 * const result = await acceptCall('rtc_u1_9c6574da8b8a41a18da9308f4ad974ce', {
 *   apiKey: process.env.OPENAI_API_KEY ?? '',
 *   session: { type: 'realtime', model: 'gpt-realtime' },
 * });
 * if (result._tag === 'Left') console.error(result.left.message);
 * ```
 */
export function acceptCall(
  callId: string,
  options: AcceptCallOptions,
): Promise<either.Either<CallControlError, void>> {
  const session = checkSessionConfig(options.session, options.allowUnknownFields);
  return control(callId, 'accept', options, session as either.Either<RealtimeHttpFailure, object>);
}

/**
 * Declines an incoming call (`POST /realtime/calls/{call_id}/reject`), returning a SIP status
 * to the caller. Never rejects.
 *
 * @example
 * ```ts
 * import { rejectCall } from 'rx-realtime/node';
 * await rejectCall('rtc_123', { apiKey: 'sk-...', status_code: 486 }); // Busy Here
 * ```
 */
export function rejectCall(
  callId: string,
  options: RejectCallOptions,
): Promise<either.Either<CallControlError, void>> {
  const { status_code } = options;
  if (
    status_code !== undefined &&
    !(Number.isInteger(status_code) && status_code >= 400 && status_code <= 699)
  )
    return refuse(`status_code must be a SIP failure status from 400 to 699, got ${status_code}`);
  return control(
    callId,
    'reject',
    options,
    either.right(status_code === undefined ? {} : { status_code }),
  );
}

/**
 * Transfers an active SIP call (`POST /realtime/calls/{call_id}/refer`, the SIP REFER verb).
 * Never rejects.
 *
 * @example
 * ```ts
 * import { referCall } from 'rx-realtime/node';
 * await referCall('rtc_123', { apiKey: 'sk-...', target_uri: 'tel:+14155550123' });
 * ```
 */
export function referCall(
  callId: string,
  options: ReferCallOptions,
): Promise<either.Either<CallControlError, void>> {
  if (typeof options.target_uri !== 'string' || options.target_uri === '')
    return refuse('target_uri is empty');
  return control(callId, 'refer', options, either.right({ target_uri: options.target_uri }));
}

/**
 * Ends an active call, SIP or WebRTC (`POST /realtime/calls/{call_id}/hangup`). Never rejects.
 *
 * @example
 * ```ts
 * import { hangupCall } from 'rx-realtime/node';
 * await hangupCall('rtc_123', { apiKey: 'sk-...' });
 * ```
 */
export function hangupCall(
  callId: string,
  options: RealtimeHttpOptions,
): Promise<either.Either<CallControlError, void>> {
  return control(callId, 'hangup', options, either.right({}));
}
