import { serverEventToBeta, type Dialect } from '../../protocol/index.js';
import type { Json } from './types.js';

/**
 * Writes a canonical (GA) server event in the connection's dialect. Returns `null` for
 * events beta does not send (`conversation.item.done`).
 */
export function toWire(event: Json, dialect: Dialect): Json | null {
  return dialect === 'ga' ? event : serverEventToBeta(event);
}
