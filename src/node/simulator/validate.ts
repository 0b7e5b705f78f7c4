import type * as t from 'io-ts';
import { itemToGa } from '../../protocol/beta-shapes.js';
import { betaClientEventCodecs, gaClientEventCodecs } from '../../protocol/generated/events.js';
import type { Dialect } from '../../protocol/index.js';
import { firstMismatch } from '../../protocol/report.js';
import { strictViolations } from '../../protocol/strict.js';
import { errorEvent } from './errors.js';
import { betaConfigToGa, betaResponseParamsToGa } from './session-config.js';
import type { Json } from './types.js';

/** A client frame after validation: a canonical (GA-shaped) event, or the `error` to send back. */
export type Checked =
  { readonly ok: true; readonly event: Json } | { readonly ok: false; readonly error: Json };

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const bad = (error: Json): Checked => ({ ok: false, error });
const trimPath = (path: string) => path.replace(/^\./, '');

/**
 * Parses and validates one client frame against the dialect's client codecs, strictly (unknown
 * fields are `unknown_parameter` errors, like the service), and brings beta payloads into
 * GA shape.
 */
export function checkClientFrame(text: string, dialect: Dialect): Checked {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return bad(
      errorEvent(
        'invalid_json',
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
        null,
      ),
    );
  }
  if (!isJson(json) || typeof json.type !== 'string')
    return bad(
      errorEvent('missing_required_parameter', "Missing required parameter: 'type'.", null, 'type'),
    );
  const eventId = typeof json.event_id === 'string' ? json.event_id : null;
  const table = dialect === 'ga' ? gaClientEventCodecs : betaClientEventCodecs;
  const codec = table[json.type] as t.Mixed | undefined;
  if (!codec || json.type === 'transcription_session.update') {
    const supported = Object.keys(gaClientEventCodecs).join("', '");
    return bad(
      errorEvent(
        'invalid_value',
        `Invalid value: '${json.type}'. Supported values are: '${supported}'.`,
        eventId,
        'type',
      ),
    );
  }
  const decoded = codec.decode(json);
  if (decoded._tag === 'Left') {
    const { path, actual } = firstMismatch(decoded.left);
    const param = trimPath(path);
    return bad(
      actual === undefined
        ? errorEvent(
            'missing_required_parameter',
            `Missing required parameter: '${param}'.`,
            eventId,
            param,
          )
        : errorEvent('invalid_value', `Invalid value for '${param}'.`, eventId, param),
    );
  }
  const violations = strictViolations(codec, json);
  if (violations.length > 0) {
    const param = trimPath(violations[0].path);
    return bad(errorEvent('unknown_parameter', `Unknown parameter: '${param}'.`, eventId, param));
  }
  return { ok: true, event: dialect === 'ga' ? json : betaToGa(json) };
}

function betaToGa(event: Json): Json {
  switch (event.type) {
    case 'session.update':
      return { ...event, session: betaConfigToGa(isJson(event.session) ? event.session : {}) };
    case 'conversation.item.create':
      return { ...event, item: itemToGa(event.item) };
    case 'response.create':
      return isJson(event.response)
        ? { ...event, response: betaResponseParamsToGa(event.response) }
        : event;
    default:
      return event;
  }
}
