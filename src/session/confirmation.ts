/**
 * The session ended, or the connection was lost and replaced, before the server confirmed a
 * request; whether the server acted on it is unknown.
 *
 * @example
 * ```ts
 * import { ConfirmationLostError } from 'rx-realtime';
 * const error = new ConfirmationLostError('conversation.item.create', 'the session was closed');
 * error.message; // 'conversation.item.create: not confirmed, the session was closed'
 * ```
 */
export class ConfirmationLostError extends Error {
  /** Always `ConfirmationLostError`, so the error is recognisable after serialisation or across realms. */
  override readonly name = 'ConfirmationLostError';
  constructor(
    /** The client event type that was waiting. */
    readonly eventType: string,
    why: string,
  ) {
    super(`${eventType}: not confirmed, ${why}`);
  }
}
