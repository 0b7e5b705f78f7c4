import type * as t from 'io-ts';
import type { Json } from './beta-shapes.js';
import type { Dialect } from './canonical.js';
import { betaClientEventCodecs, gaClientEventCodecs } from './generated/events.js';
import { firstMismatch } from './report.js';
import { strictViolations } from './strict.js';

/** What is wrong with a client event as it arrived on the wire, as the service would say it. */
export type WireClientProblem =
  | {
      /** No client event of this `type` in the dialect. */
      readonly kind: 'unknown_type';
    }
  | {
      /** A required field is missing, a field has the wrong value, or a field is unknown. */
      readonly kind: 'missing' | 'invalid' | 'unknown_parameter';
      /** JSON path of the field, such as `.session.voice`. */
      readonly path: string;
    };

/**
 * Checks a client event in its wire dialect strictly, the way the service does (unknown fields
 * and values are refused): `undefined` when it is valid. For the service side (the simulator).
 */
export function checkWireClientEvent(event: Json, dialect: Dialect): WireClientProblem | undefined {
  const table = dialect === 'ga' ? gaClientEventCodecs : betaClientEventCodecs;
  const codec =
    typeof event.type === 'string' ? (table[event.type] as t.Mixed | undefined) : undefined;
  if (!codec) return { kind: 'unknown_type' };
  const decoded = codec.decode(event);
  if (decoded._tag === 'Left') {
    const { path, actual } = firstMismatch(decoded.left);
    return { kind: actual === undefined ? 'missing' : 'invalid', path };
  }
  const [violation] = strictViolations(codec, event);
  if (!violation) return undefined;
  return {
    kind: violation.kind === 'unknown_value' ? 'invalid' : 'unknown_parameter',
    path: violation.path,
  };
}
