import { either } from 'fp-ts';
import * as t from 'io-ts';
import { betaServerRules } from './beta-server.js';
import type { Json } from './beta-shapes.js';
import { canonicalGaWire, type Dialect, type Endpoint, type ServerEvent } from './canonical.js';
import { DecodeError } from './errors.js';
import {
  betaServerEventCodecs,
  gaServerEventCodecs,
  translationServerEventCodecs,
} from './generated/events.js';
import { collectNotices, DecodeNotice } from './notices.js';
import { ownLookup, withoutProtoFields } from './own.js';
import { firstMismatch } from './report.js';

/**
 * How to decode server events: the dialect on the wire (default `ga`), and who hears about
 * the parts of an event that are newer than this version ({@link DecodeNotice}s). A bare
 * dialect string means `{ dialect }`.
 *
 * @example
 * ```ts
 * import { decodeServerFrame, type DecodeOptions } from 'rx-realtime';
 * const options: DecodeOptions = { dialect: 'ga', onNotice: (notice) => console.warn(notice.message) };
 * decodeServerFrame('{"type":"input_audio_buffer.cleared","event_id":"e1"}', options);
 * ```
 */
export interface DecodeOptions {
  /** The dialect on the wire; default `ga`. */
  readonly dialect?: Dialect;
  /** The endpoint the events come from; default `realtime` (`translations`: GA only). */
  readonly endpoint?: Endpoint;
  /** Called once per unknown enum value or unknown member, after the event decoded. */
  readonly onNotice?: (notice: DecodeNotice) => void;
}

const gaCodec = ownLookup(gaServerEventCodecs);
const betaCodec = ownLookup(betaServerEventCodecs);
const translationCodec = ownLookup(translationServerEventCodecs);
const betaRule = ownLookup(betaServerRules);

const DEFAULTS: DecodeOptions = {};

/** Options in their full form (no object made per frame when there are none). */
export function decodeOptions(options: Dialect | DecodeOptions | undefined): DecodeOptions {
  return typeof options === 'string' ? { dialect: options } : (options ?? DEFAULTS);
}

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
  const codec = gaCodec(type);
  if (!codec) return either.right({ type: 'unknown', wireType: type, raw: event });
  if (isCanonical(codec, event, type)) return either.right(event as unknown as ServerEvent);
  const canonical = canonicalGaWire(event, type);
  const canonicalCodec = (
    canonical === event ? codec : gaCodec(canonical.type as string)!
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

/** A valid GA event is already canonical (aliases fail the codecs), except the legacy name. */
function isCanonical(codec: t.Decoder<unknown, unknown>, event: Json, type: string): boolean {
  return type !== 'conversation.item.created' && (codec as t.Type<ServerEvent>).is(event);
}

/**
 * The event itself when it is a GA event its codec knows entirely. `is` reports no notices (a
 * value it does not know fails it), so such an event needs no collecting.
 */
function knownGaEvent(json: unknown): ServerEvent | undefined {
  try {
    if (!isRecord(json) || typeof json.type !== 'string') return undefined;
    const codec = gaCodec(json.type);
    return codec && isCanonical(codec, json, json.type)
      ? (json as unknown as ServerEvent)
      : undefined;
  } catch {
    return undefined; // a hostile value: the full decode says what is wrong with it
  }
}

/** Translation-session events have one dialect and no aliases: the codec alone decides. */
function decodeTranslation(event: Json, type: string): either.Either<DecodeError, ServerEvent> {
  const codec = translationCodec(type) as t.Type<ServerEvent> | undefined;
  if (!codec) return either.right({ type: 'unknown', wireType: type, raw: event });
  if (codec.is(event)) return either.right(event as unknown as ServerEvent);
  return validate(codec, event, type, event) as either.Either<DecodeError, ServerEvent>;
}

function decodeBeta(
  event: Json,
  type: string,
  raw: unknown,
): either.Either<DecodeError, ServerEvent> {
  const codec = betaCodec(type);
  if (!codec) return either.right({ type: 'unknown', wireType: type, raw: event });
  const checked = validate(codec, event, type, raw);
  if (checked._tag === 'Left') return checked;
  const rule = betaRule(type);
  if (!rule) return decodeGa(checked.right as Json, type, raw);
  const renamed = {
    ...(rule.translate ? rule.translate(checked.right as Json) : (checked.right as Json)),
    type: rule.type,
  };
  if (!rule.reshaped) return either.right(renamed as unknown as ServerEvent);
  const ga = validate(gaCodec(rule.type)!, renamed, type, raw, '(after translating beta to GA)');
  return ga as either.Either<DecodeError, ServerEvent>;
}

/**
 * Decodes one server event (already parsed from JSON) into the canonical GA vocabulary.
 *
 * - Unknown fields are kept; `null` in an optional field reads as absent. A `"__proto__"`
 *   field never becomes a prototype: it stays a plain field, or is dropped when the event has
 *   to be rebuilt (a `null` normalised, a beta event translated).
 * - An unknown `type` is not an error: it comes back as an {@link UnknownServerEvent}.
 * - An enum value this version does not know is kept as received, and an item or tool of an
 *   unknown `type` comes back as an {@link UnknownMember}; each is reported to
 *   `options.onNotice` as a {@link DecodeNotice}, and the rest of the event is usable.
 * - A known field of the wrong JSON type is a `Left(DecodeError)` naming the JSON path.
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
  options?: Dialect | DecodeOptions,
): either.Either<DecodeError, ServerEvent> {
  const { dialect = 'ga', endpoint, onNotice } = decodeOptions(options);
  // Codecs report what they did not know only while someone listens: no cost otherwise.
  if (!onNotice) return decodeJson(json, dialect, endpoint);
  const known = dialect === 'ga' && endpoint !== 'translations' ? knownGaEvent(json) : undefined;
  if (known) return either.right(known);
  const { result, notices } = collectNotices(() => decodeJson(json, dialect, endpoint));
  if (result._tag === 'Right' && notices.length > 0) {
    const eventType = (json as Json).type as string;
    for (const n of notices)
      onNotice(new DecodeNotice(eventType, n.path, n.kind, n.value, n.known));
  }
  return result;
}

function decodeJson(
  json: unknown,
  dialect: Dialect,
  endpoint: Endpoint = 'realtime',
): either.Either<DecodeError, ServerEvent> {
  try {
    if (!isRecord(json)) {
      return either.left(new DecodeError(undefined, '', 'an event object', json, json));
    }
    const type = json.type;
    if (typeof type !== 'string') {
      return either.left(new DecodeError(undefined, '.type', 'string', type, json));
    }
    if (endpoint === 'translations') return decodeTranslation(json, type);
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
  options?: Dialect | DecodeOptions,
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
  const result = decodeServerEvent(json, options);
  if (result._tag === 'Right') return result;
  const e = result.left;
  return either.left(new DecodeError(e.eventType, e.path, e.expected, e.actual, text, e.message));
}
