import { either } from 'fp-ts';
import * as t from 'io-ts';
import {
  itemToBeta,
  responseParamsToBeta,
  sessionConfigToBeta,
  transcriptionConfigToBeta,
  type Json,
} from './beta-shapes.js';
import type { ClientEvent, Dialect } from './canonical.js';
import { EncodeError } from './errors.js';
import { betaClientEventCodecs, gaClientEventCodecs } from './generated/events.js';
import { own } from './own.js';
import { firstMismatch } from './report.js';
import { strictViolations } from './strict.js';

/** Checks `value` with `codec` and the strict client rules; the first problem becomes an EncodeError. */
function check(
  codec: t.Decoder<unknown, unknown> | undefined,
  value: Json,
  event: unknown,
  dialect: Dialect,
): either.Either<EncodeError, Json> {
  const type = typeof value.type === 'string' ? value.type : undefined;
  const where = dialect === 'beta' ? ' in the beta dialect' : '';
  if (!codec) {
    return either.left(new EncodeError(type, '.type', `is not a client event${where}`, event));
  }
  const result = codec.decode(value);
  if (result._tag === 'Left') {
    const { path, expected } = firstMismatch(result.left);
    return either.left(new EncodeError(type, path, `expected ${expected}${where}`, event));
  }
  const [violation] = strictViolations(codec as t.Mixed, value);
  if (violation) {
    const reason =
      dialect === 'beta' && violation.reason === 'is not a field of this event'
        ? 'has no counterpart in the beta dialect'
        : violation.reason;
    return either.left(new EncodeError(type, violation.path, reason, event));
  }
  return either.right(value);
}

/** The beta wire form of a canonical (GA) client event (reference §5). */
function toBeta(event: Json): Json {
  switch (event.type) {
    case 'session.update': {
      const session = event.session as Json;
      return session.type === 'transcription'
        ? {
            ...event,
            type: 'transcription_session.update',
            session: transcriptionConfigToBeta(session),
          }
        : { ...event, session: sessionConfigToBeta(session) };
    }
    case 'conversation.item.create':
      return { ...event, item: itemToBeta(event.item) };
    case 'response.create':
      return event.response
        ? { ...event, response: responseParamsToBeta(event.response as Json) }
        : event;
    default:
      return event;
  }
}

/**
 * Validates a canonical client event strictly and returns what to put on the wire in the
 * given dialect. Strictly means: the io-ts codec of the event, no fields the protocol does
 * not define (a misspelt field is caught here instead of being ignored by the server), no
 * `null` where the protocol has none. For beta, the event is translated (flat session config,
 * format names, content types) and the translation is checked against the beta codecs, so
 * a GA-only setting is refused with its path instead of being sent.
 *
 * Never throws.
 *
 * @example
 * ```ts
 * import { encodeClientEvent } from 'rx-realtime';
 * encodeClientEvent(
 *   { type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } },
 *   'beta',
 * );
 * // Right({ type: 'session.update', session: { modalities: ['text'] } })
 * encodeClientEvent({ type: 'session.update', session: { type: 'realtime', truncation: 'auto' } }, 'beta');
 * // Left(EncodeError: session.update: at .session.truncation has no counterpart in the beta dialect)
 * ```
 */
export function encodeClientEvent(
  event: ClientEvent,
  dialect: Dialect = 'ga',
): either.Either<EncodeError, Json> {
  try {
    const value: unknown = event;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return either.left(new EncodeError(undefined, '', 'expected an event object', value));
    }
    const json = value as Json;
    const type = json.type;
    if (typeof type !== 'string') {
      return either.left(new EncodeError(undefined, '.type', 'expected string', value));
    }
    const canonical = check(own(gaClientEventCodecs, type), json, value, 'ga');
    if (canonical._tag === 'Left' || dialect === 'ga') return canonical;
    const wire = toBeta(json);
    return check(own(betaClientEventCodecs, wire.type as string), wire, value, 'beta');
  } catch (cause) {
    return either.left(
      new EncodeError(undefined, '', `could not be read (${String(cause)})`, event),
    );
  }
}
