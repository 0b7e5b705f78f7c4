// The body of a GA `POST /v1/realtime/client_secrets` answer. The session is decoded with the
// same lenient codecs as `session.created`, so a field the service adds later does not fail it.
import * as t from 'io-ts';
import { GaSession, GaTranscriptionSession } from './generated/resources.js';

/**
 * The GA client-secret response: the `ek_` key, when it expires (unix seconds) and the
 * effective session a connection with it starts with.
 *
 * @example
 * ```ts
 * import { ClientSecretResponse } from 'rx-realtime';
 * const result = ClientSecretResponse.decode({
 *   value: 'ek_123',
 *   expires_at: 1767225600,
 *   session: { type: 'realtime', object: 'realtime.session', id: 'sess_1' },
 * });
 * console.log(result._tag); // 'Right'
 * ```
 */
export const ClientSecretResponse = t.readonly(
  t.type({
    /** The `ek_...` key. */
    value: t.string,
    /** When the key stops opening sessions, in unix seconds. */
    expires_at: t.number,
    /** The effective session (realtime or transcription) a connection with the key starts with. */
    session: t.union([GaSession, GaTranscriptionSession]),
  }),
  'ClientSecretResponse',
);
/** The GA client-secret response (see the codec of the same name). */
export type ClientSecretResponse = t.TypeOf<typeof ClientSecretResponse>;
