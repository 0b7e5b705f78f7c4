import type { Observable } from 'rxjs';
import type { ClientEvent, ClientEventOf, ServerEvent, ServerEventOf } from '../protocol/index.js';

/**
 * A session unit: a plain function from the server event stream (and its dependencies) to the
 * client events it wants sent, like a redux-observable epic. Units never touch the socket;
 * `createRealtimeSession` subscribes their outputs into `socket.next`.
 *
 * @example
 * ```ts
 * import { filter, map } from 'rxjs';
 * import type { SessionUnit } from 'rx-realtime';
 * const pingOnCreate: SessionUnit<void> = (events$) =>
 *   events$.pipe(
 *     filter((e) => e.type === 'session.created'),
 *     map(() => ({ type: 'input_audio_buffer.clear' as const })),
 *   );
 * ```
 */
export type SessionUnit<Deps> = (
  events$: Observable<ServerEvent>,
  deps: Deps,
) => Observable<ClientEvent>;

/**
 * The GA realtime session settings `session.update` carries (`type: 'realtime'` is added).
 *
 * @example
 * ```ts
 * import type { SessionSettings } from 'rx-realtime';
 * const settings: SessionSettings = { instructions: 'Be brief.', output_modalities: ['text'] };
 * ```
 */
export type SessionSettings = Omit<
  Extract<
    ClientEventOf<'session.update'>['session'],
    {
      /** Selects the realtime (not transcription) session shape. */
      readonly type: 'realtime';
    }
  >,
  'type'
>;

/**
 * Per-response overrides of `response.create` (the `response` field).
 *
 * @example
 * ```ts
 * import type { ResponseParams } from 'rx-realtime';
 * const params: ResponseParams = { instructions: 'Answer in French.' };
 * ```
 */
export type ResponseParams = NonNullable<ClientEventOf<'response.create'>['response']>;

/**
 * A conversation item in its canonical (GA) shape.
 *
 * @example
 * ```ts
 * import type { RealtimeItem } from 'rx-realtime';
 * const item: RealtimeItem = { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] };
 * ```
 */
export type RealtimeItem = ServerEventOf<'conversation.item.added'>['item'];
