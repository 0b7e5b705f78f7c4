// Session configs sent over REST get the same strict checks as a `session.update` on the
// socket, so a misspelt field is refused here instead of being ignored by the service.
import { either } from 'fp-ts';
import { encodeClientEvent, type ClientEventOf, type EncodeOptions } from '../../protocol/index.js';
import type { RealtimeHttpFailure } from './errors.js';

/** A GA session config: realtime (`type: 'realtime'`) or transcription. */
export type SessionConfig = ClientEventOf<'session.update'>['session'];

/** The config as it goes on the wire, or an `invalid_request` failure naming the bad path. */
export function checkSessionConfig(
  session: SessionConfig,
  allowUnknownFields: EncodeOptions['allowUnknownFields'],
): either.Either<RealtimeHttpFailure, unknown> {
  const encoded = encodeClientEvent(
    { type: 'session.update', session } as ClientEventOf<'session.update'>,
    { allowUnknownFields },
  );
  if (encoded._tag === 'Right') return either.right(encoded.right.session);
  const { path, reason } = encoded.left;
  const at = path.replace(/^\.session/, '') || '.';
  return either.left({
    reason: 'invalid_request',
    message: `the session config is invalid: at ${at} ${reason}`,
    cause: encoded.left,
  });
}
