import { either } from 'fp-ts';
import * as t from 'io-ts';
import { betaServerRules } from './beta-server.js';
import type { Json } from './beta-shapes.js';
import { canonicalGaWire, type Dialect, type ServerEvent } from './canonical.js';
import { DecodeError } from './errors.js';
import { betaServerEventCodecs, gaServerEventCodecs } from './generated/events.js';
import { own, withoutProtoFields } from './own.js';
import { firstMismatch } from './report.js';

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function validate(
  codec: t.Decoder<unknown, unknown>,
  value: unknown,
  eventType: string,
  raw: unknown,
  note = '',
): either.Either<DecodeError, unknown> {
  const result = codec.decode(withoutProtoFields(value));
  if (result._tag === 'Right') return result;
  const { path, expected, actual } = firstMismatch(result.left);
  const error = new DecodeError(eventType, path, expected, actual, raw);
  return either.left(
    note
      ? new DecodeError(eventType, path, expected, actual, raw, `${error.message} ${note}`)
      : error,
  );
}

function decodeGa(
  event: Json,
  type: string,
  raw: unknown,
): either.Either<DecodeError, ServerEvent> {
  const codec = own(gaServerEventCodecs, type);
  if (!codec) return either.right({ type: 'unknown', wireType: type, raw: event });
  // A valid event is already canonical (aliases fail the codecs), except the legacy name.
  if (type !== 'conversation.item.created' && (codec as t.Type<ServerEvent>).is(event)) {
    return either.right(event as unknown as ServerEvent);
  }
  const canonical = canonicalGaWire(event, type);
  const canonicalCodec = (
    canonical === event ? codec : own(gaServerEventCodecs, canonical.type as string)!
  ) as t.Type<ServerEvent>;
  // `is` checks without building io-ts contexts; a miss (an error, or a null to normalise)
  // takes the full `decode`, which returns the same object when nothing changed.
  if (canonicalCodec.is(canonical)) return either.right(canonical);
  // io-ts copies by assignment when it normalises a null: no `__proto__` field may go in.
  const result = canonicalCodec.decode(withoutProtoFields(canonical));
  if (result._tag === 'Right') return either.right(result.right as ServerEvent);
  const { path, expected, actual } = firstMismatch(result.left);
  return either.left(new DecodeError(type, path, expected, actual, raw));
}

function decodeBeta(
  event: Json,
  type: string,
  raw: unknown,
): either.Either<DecodeError, ServerEvent> {
  const codec = own(betaServerEventCodecs, type);
  if (!codec) return either.right({ type: 'unknown', wireType: type, raw: event });
  const checked = validate(codec, event, type, raw);
  if (checked._tag === 'Left') return checked;
  const rule = own(betaServerRules, type);
  if (!rule) return decodeGa(checked.right as Json, type, raw);
  const renamed = {
    ...(rule.translate ? rule.translate(checked.right as Json) : (checked.right as Json)),
    type: rule.type,
  };
  if (!rule.reshaped) return either.right(renamed as unknown as ServerEvent);
  const ga = validate(
    own(gaServerEventCodecs, rule.type)!,
    renamed,
    type,
    raw,
    '(after translating beta to GA)',
  );
  return ga as either.Either<DecodeError, ServerEvent>;
}

/**
 * Decodes one server event (already parsed from JSON) into the canonical GA vocabulary.
 *
 * - Unknown fields are kept; `null` in an optional field reads as absent. A `"__proto__"`
 *   field never becomes a prototype: it stays a plain field, or is dropped when the event has
 *   to be rebuilt (a `null` normalised, a beta event translated).
 * - An unknown `type` is not an error: it comes back as an {@link UnknownServerEvent}.
 * - A known type with a bad shape is a `Left(DecodeError)` naming the JSON path.
 * - Beta events are translated to their GA twins. One event alone cannot know everything
 *   its GA twin carries (the `name` on `response.function_call_arguments.done`, the
 *   `conversation.item.done` GA adds): {@link createServerEventDecoder} fills those in for a stream.
 *
 * Never throws, whatever it is given.
 *
 * @example
 * ```ts
 * import { decodeServerEvent } from 'rx-realtime';
 * const result = decodeServerEvent(
 *   { type: 'response.audio.delta', event_id: 'e1', response_id: 'r1', item_id: 'i1', output_index: 0, content_index: 0, delta: 'AAAA' },
 *   'beta',
 * );
 * // Right({ type: 'response.output_audio.delta', ... })
 * ```
 */
export function decodeServerEvent(
  json: unknown,
  dialect: Dialect = 'ga',
): either.Either<DecodeError, ServerEvent> {
  try {
    if (!isRecord(json)) {
      return either.left(new DecodeError(undefined, '', 'an event object', json, json));
    }
    const type = json.type;
    if (typeof type !== 'string') {
      return either.left(new DecodeError(undefined, '.type', 'string', type, json));
    }
    return dialect === 'beta' ? decodeBeta(json, type, json) : decodeGa(json, type, json);
  } catch (cause) {
    // A hostile value (a throwing getter, a revoked proxy) must not escape as an exception.
    return either.left(
      new DecodeError(
        undefined,
        '',
        'a plain JSON value',
        json,
        json,
        `server event: could not be read (${String(cause)})`,
      ),
    );
  }
}

/**
 * Decodes the text of one WebSocket frame: JSON first, then {@link decodeServerEvent}.
 * Text that is not JSON is a `Left(DecodeError)` that says so and keeps the text.
 *
 * @example
 * ```ts
 * import { decodeServerFrame } from 'rx-realtime';
 * decodeServerFrame('{"type":"input_audio_buffer.cleared","event_id":"event_1"}');
 * // Right({ type: 'input_audio_buffer.cleared', event_id: 'event_1' })
 * decodeServerFrame('not json'); // Left(DecodeError: server frame is not JSON: ...)
 * ```
 */
export function decodeServerFrame(
  text: string,
  dialect: Dialect = 'ga',
): either.Either<DecodeError, ServerEvent> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return either.left(
      new DecodeError(undefined, '', 'JSON', text, text, `server frame is not JSON: ${reason}`),
    );
  }
  const result = decodeServerEvent(json, dialect);
  if (result._tag === 'Right') return result;
  const e = result.left;
  return either.left(new DecodeError(e.eventType, e.path, e.expected, e.actual, text, e.message));
}
