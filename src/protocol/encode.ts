import { either } from 'fp-ts';
import * as t from 'io-ts';
import {
  itemToBeta,
  responseParamsToBeta,
  sessionConfigToBeta,
  transcriptionConfigToBeta,
  type Json,
} from './beta-shapes.js';
import type { ClientEvent, Dialect, Endpoint } from './canonical.js';
import { EncodeError } from './errors.js';
import {
  betaClientEventCodecs,
  gaClientEventCodecs,
  translationClientEventCodecs,
} from './generated/events.js';
import { ownLookup } from './own.js';
import { firstMismatch } from './report.js';
import { strictViolations, type StrictViolation } from './strict.js';

/**
 * How to encode client events: the dialect on the wire (default `ga`) and which fields the
 * catalogue does not know yet may be sent anyway. A bare dialect string means `{ dialect }`.
 *
 * @example
 * ```ts
 * import { encodeClientEvent, type EncodeOptions } from 'rx-realtime';
 * const options: EncodeOptions = { allowUnknownFields: ['.session.audio.input.echo_cancellation'] };
 * encodeClientEvent(
 *   { type: 'session.update', session: { type: 'realtime', audio: { input: { echo_cancellation: true } } } } as never,
 *   options,
 * );
 * // Right(the event, exactly as given)
 * ```
 */
export interface EncodeOptions {
  /** The dialect on the wire; default `ga`. */
  readonly dialect?: Dialect;
  /** The endpoint the events go to; default `realtime` (`translations`: GA only). */
  readonly endpoint?: Endpoint;
  /**
   * Sends what the catalogue does not know yet, unchecked and exactly as given (default: refuse).
   * `true` allows every unknown field. A list of JSON paths (`.session.audio.input.foo`, `[]`
   * for any array index: `.session.tools[].defer_loading`) allows whatever is at or under those
   * paths: unknown fields, and also enum values or member types newer than the catalogue. Known
   * fields keep their checks, and a GA-only setting is still refused for beta.
   */
  readonly allowUnknownFields?: boolean | readonly string[];
}

/** Whether the options let `violation` through (see {@link EncodeOptions.allowUnknownFields}). */
function allowed(violation: StrictViolation, allow: EncodeOptions['allowUnknownFields']): boolean {
  if (violation.kind === 'missing') return false; // the hatch is for what is new, not what is absent
  if (allow === true) return violation.kind === 'unknown_field';
  if (!allow) return false;
  const at = violation.path.replace(/\[\d+\]/g, '[]');
  return allow.some((listed) => {
    const path = (listed.startsWith('.') ? listed : `.${listed}`).replace(/\[(\d+|\*)?\]/g, '[]');
    return at === path || at.startsWith(`${path}.`) || at.startsWith(`${path}[`);
  });
}

const HATCH =
  '(the catalogue may be older than the service: to send it anyway, set the socket option allowUnknownFields)';

const gaClientCodec = ownLookup(gaClientEventCodecs);
const betaClientCodec = ownLookup(betaClientEventCodecs);
const translationClientCodec = ownLookup(translationClientEventCodecs);

/** Checks `value` with `codec` and the strict client rules; the first problem becomes an EncodeError. */
function check(
  codec: t.Decoder<unknown, unknown> | undefined,
  value: Json,
  event: unknown,
  dialect: Dialect,
  allow?: EncodeOptions['allowUnknownFields'],
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
  const violations = strictViolations(codec as t.Mixed, value).filter((v) => !allowed(v, allow));
  // A wrong value of a known field says more than an extra field next to it.
  const violation = violations.find((v) => v.kind === 'unknown_value') ?? violations[0];
  if (violation) {
    return either.left(new EncodeError(type, violation.path, reasonFor(violation, dialect), event));
  }
  return either.right(value);
}

/** `{ type, audio, event_id? }` with string values and nothing else: valid without its codec. */
function isPlainAppend(json: Json): boolean {
  for (const key in json) if (key !== 'type' && key !== 'audio' && key !== 'event_id') return false;
  return (
    typeof json.audio === 'string' &&
    (json.event_id === undefined || typeof json.event_id === 'string')
  );
}

function reasonFor(violation: StrictViolation, dialect: Dialect): string {
  if (dialect === 'beta') {
    return violation.kind === 'unknown_field'
      ? 'has no counterpart in the beta dialect'
      : `${violation.reason} in the beta dialect`;
  }
  switch (violation.kind) {
    case 'unknown_field':
      return `${violation.reason} ${HATCH}`;
    case 'unknown_value':
      return `${violation.reason} (a newer value can be sent with allowUnknownFields: ['${violation.path}'])`;
    default:
      return violation.reason;
  }
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
 * A field, enum value or item type the catalogue does not know yet is refused with a message
 * naming `allowUnknownFields` ({@link EncodeOptions}), which sends it unchecked.
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
  options?: Dialect | EncodeOptions,
): either.Either<EncodeError, Json> {
  const {
    dialect = 'ga',
    endpoint = 'realtime',
    allowUnknownFields,
  }: EncodeOptions = typeof options === 'string' ? { dialect: options } : (options ?? {});
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
    if (endpoint === 'translations') {
      if (dialect === 'beta') {
        return either.left(
          new EncodeError(type, '', 'cannot be sent: translation sessions are GA only', value),
        );
      }
      return check(translationClientCodec(type), json, value, 'ga', allowUnknownFields);
    }
    // The hot path of a voice session: checked by shape, the same on both dialects.
    if (type === 'input_audio_buffer.append' && isPlainAppend(json)) return either.right(json);
    const canonical = check(gaClientCodec(type), json, value, 'ga', allowUnknownFields);
    if (canonical._tag === 'Left' || dialect === 'ga') return canonical;
    const wire = toBeta(json);
    return check(betaClientCodec(wire.type as string), wire, value, 'beta');
  } catch (cause) {
    return either.left(
      new EncodeError(undefined, '', `could not be read (${String(cause)})`, event),
    );
  }
}
