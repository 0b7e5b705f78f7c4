import {
  betaClientEventToGa,
  checkWireClientEvent,
  codecs,
  type Dialect,
} from '../../protocol/index.js';
import { errorEvent } from './errors.js';
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
  const problem =
    json.type === 'transcription_session.update'
      ? ({ kind: 'unknown_type' } as const)
      : checkWireClientEvent(json, dialect);
  if (!problem) return { ok: true, event: dialect === 'ga' ? json : betaClientEventToGa(json) };
  if (problem.kind === 'unknown_type') {
    const supported = Object.keys(codecs.gaClientEventCodecs).join("', '");
    return bad(
      errorEvent(
        'invalid_value',
        `Invalid value: '${json.type}'. Supported values are: '${supported}'.`,
        eventId,
        'type',
      ),
    );
  }
  const param = trimPath(problem.path);
  switch (problem.kind) {
    case 'missing':
      return bad(
        errorEvent(
          'missing_required_parameter',
          `Missing required parameter: '${param}'.`,
          eventId,
          param,
        ),
      );
    case 'invalid':
      return bad(errorEvent('invalid_value', `Invalid value for '${param}'.`, eventId, param));
    default:
      return bad(errorEvent('unknown_parameter', `Unknown parameter: '${param}'.`, eventId, param));
  }
}
