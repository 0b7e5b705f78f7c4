import { bytesToBase64, msToBytes, type AudioFormat } from '../audio/index.js';
import type { ServerEvent, ServerEventOf } from '../protocol/index.js';
import { serverEvent } from './server-event.js';

type ResponseDone = ServerEventOf<'response.done'>['response'];
type OutputItem = ServerEventOf<'response.output_item.done'>['item'];

/**
 * Ids and final fields shared by every response tree.
 *
 * @example
 * ```ts
 * import type { ResponseTreeOptions } from 'rx-realtime/testing';
 * const ids: ResponseTreeOptions = { responseId: 'resp_2', itemId: 'item_2' };
 * ```
 */
export interface ResponseTreeOptions {
  /** Default `resp_1`. */
  readonly responseId?: string;
  /** The output item's id. Default `item_1`. */
  readonly itemId?: string;
  /** `response.done`'s `usage`. Default `null`. */
  readonly usage?: ResponseDone['usage'];
}

/**
 * Options of {@link serverEvents}.textResponse.
 *
 * @example
 * ```ts
 * import type { TextResponseOptions } from 'rx-realtime/testing';
 * const options: TextResponseOptions = { text: 'Hello.' };
 * ```
 */
export interface TextResponseOptions extends ResponseTreeOptions {
  /** The whole answer; streamed one word (with its following space) per delta. */
  readonly text: string;
}

/**
 * Options of {@link serverEvents}.audioResponse.
 *
 * @example
 * ```ts
 * import type { AudioResponseOptions } from 'rx-realtime/testing';
 * const options: AudioResponseOptions = { text: 'Hello.', durationMs: 600, chunkMs: 50 };
 * ```
 */
export interface AudioResponseOptions extends ResponseTreeOptions {
  /** The spoken answer's transcript, one word per transcript delta. */
  readonly text: string;
  /** How long the answer plays, in ms (silent samples). */
  readonly durationMs: number;
  /** Audio per `response.output_audio.delta`, in ms. Default 100. */
  readonly chunkMs?: number;
  /** Default `pcm16`. */
  readonly format?: AudioFormat;
}

/**
 * Options of {@link serverEvents}.functionCallResponse.
 *
 * @example
 * ```ts
 * import type { FunctionCallResponseOptions } from 'rx-realtime/testing';
 * const options: FunctionCallResponseOptions = { name: 'get_weather', arguments: { location: 'Paris' } };
 * ```
 */
export interface FunctionCallResponseOptions extends ResponseTreeOptions {
  /** The tool's name. */
  readonly name: string;
  /** The arguments, as a JSON string or a value to stringify; streamed in 8-character deltas. */
  readonly arguments: string | object;
  /** Default `call_1`. */
  readonly callId?: string;
}

/**
 * Options of {@link serverEvents}.userSpeechTurn.
 *
 * @example
 * ```ts
 * import type { UserSpeechTurnOptions } from 'rx-realtime/testing';
 * const options: UserSpeechTurnOptions = { transcript: 'Hello?', durationMs: 800 };
 * ```
 */
export interface UserSpeechTurnOptions {
  /** What the user said, as the input transcription reports it. */
  readonly transcript: string;
  /** How long the user spoke, in ms. */
  readonly durationMs: number;
  /** Where in the input audio buffer the speech started, in ms. Default 0. */
  readonly startMs?: number;
  /** The user item's id. Default `item_user_1`. */
  readonly itemId?: string;
  /** The item it follows. Default `null`. */
  readonly previousItemId?: string | null;
}

/** Splits a text into deltas of one word each, spaces kept, so the deltas join to the text. */
const words = (text: string): string[] => text.match(/\S+\s*|\s+/g) ?? [];

/** Gives the events of one tree distinct, predictable `event_id`s. */
const numbered = (prefix: string, events: readonly ServerEvent[]): ServerEvent[] =>
  events.map((event, index) =>
    event.type === 'unknown' || event.type === 'input_audio_buffer.dtmf_event_received'
      ? event
      : { ...event, event_id: `event_${prefix}_${index + 1}` },
  );

/** The response.created / item added ... item done / response.done frame around `inner`. */
function responseTree(
  options: ResponseTreeOptions,
  added: OutputItem,
  done: OutputItem,
  inner: readonly ServerEvent[],
): ServerEvent[] {
  const ids = { response_id: options.responseId ?? 'resp_1', output_index: 0 };
  const response = { id: ids.response_id, status: 'in_progress', output: [], usage: null } as const;
  return numbered(ids.response_id, [
    serverEvent('response.created', {
      response: { ...serverEvent('response.created').response, ...response },
    }),
    serverEvent('response.output_item.added', { ...ids, item: added }),
    serverEvent('conversation.item.added', { item: added }),
    ...inner,
    serverEvent('response.output_item.done', { ...ids, item: done }),
    serverEvent('conversation.item.done', { item: done }),
    serverEvent('response.done', {
      response: {
        ...serverEvent('response.done').response,
        ...response,
        status: 'completed',
        output: [done],
        usage: options.usage ?? null,
      },
    }),
  ]);
}

function messageTree(
  options: ResponseTreeOptions,
  content:
    | { readonly type: 'output_text'; readonly text: string }
    | {
        readonly type: 'output_audio';
        readonly transcript: string;
      },
  streamed: (part: { readonly response_id: string; readonly item_id: string }) => ServerEvent[],
): ServerEvent[] {
  const itemId = options.itemId ?? 'item_1';
  const at = { response_id: options.responseId ?? 'resp_1', item_id: itemId };
  const item = { id: itemId, type: 'message', role: 'assistant' } as const;
  const part =
    content.type === 'output_text'
      ? ({ type: 'text', text: content.text } as const)
      : ({ type: 'audio', transcript: content.transcript } as const);
  const emptyPart =
    part.type === 'text'
      ? ({ type: 'text', text: '' } as const)
      : ({ type: 'audio', transcript: '' } as const);
  return responseTree(
    options,
    { ...item, status: 'in_progress', content: [] },
    { ...item, status: 'completed', content: [content] },
    [
      serverEvent('response.content_part.added', { ...at, part: emptyPart }),
      ...streamed(at),
      serverEvent('response.content_part.done', { ...at, part }),
    ],
  );
}

/** Splits `total` bytes into chunks of `size` (the last one shorter). */
function chunkSizes(total: number, size: number): number[] {
  const sizes: number[] = [];
  for (let offset = 0; offset < total; offset += size) sizes.push(Math.min(size, total - offset));
  return sizes;
}

/**
 * Whole server event sequences, valid on the wire and in the order the service sends them, for
 * marble tests of your own pipelines. Each returns the events in order; {@link toMarbles} turns
 * them into a diagram and its values.
 *
 * @example
 * ```ts
 * import { serverEvents } from 'rx-realtime/testing';
 * const answer = serverEvents.audioResponse({ text: 'Hi there.', durationMs: 400 });
 * const turn = serverEvents.userSpeechTurn({ transcript: 'Hello?', durationMs: 800 });
 * const call = serverEvents.functionCallResponse({ name: 'get_weather', arguments: { location: 'Paris' } });
 * const text = serverEvents.textResponse({ text: 'Octopuses have three hearts.' });
 * ```
 */
export const serverEvents = {
  /** A completed text response: one message item with one text part streamed word by word. */
  textResponse(options: TextResponseOptions): ServerEvent[] {
    return messageTree(options, { type: 'output_text', text: options.text }, (at) => [
      ...words(options.text).map((delta) =>
        serverEvent('response.output_text.delta', { ...at, delta }),
      ),
      serverEvent('response.output_text.done', { ...at, text: options.text }),
    ]);
  },

  /**
   * A completed audio response: one message item with one audio part, `durationMs` of silence
   * in `chunkMs` deltas, the transcript words interleaved with them.
   */
  audioResponse(options: AudioResponseOptions): ServerEvent[] {
    const format = options.format ?? 'pcm16';
    const sizes = chunkSizes(
      msToBytes(options.durationMs, format),
      msToBytes(options.chunkMs ?? 100, format),
    );
    const transcript = words(options.text);
    return messageTree(options, { type: 'output_audio', transcript: options.text }, (at) => {
      const streamed: ServerEvent[] = [];
      for (let i = 0; i < Math.max(sizes.length, transcript.length); i++) {
        if (i < transcript.length)
          streamed.push(
            serverEvent('response.output_audio_transcript.delta', { ...at, delta: transcript[i] }),
          );
        if (i < sizes.length)
          streamed.push(
            serverEvent('response.output_audio.delta', {
              ...at,
              delta: bytesToBase64(new Uint8Array(sizes[i])),
            }),
          );
      }
      return [
        ...streamed,
        serverEvent('response.output_audio.done', at),
        serverEvent('response.output_audio_transcript.done', { ...at, transcript: options.text }),
      ];
    });
  },

  /** A completed response with one function call item whose arguments stream in deltas. */
  functionCallResponse(options: FunctionCallResponseOptions): ServerEvent[] {
    const args =
      typeof options.arguments === 'string' ? options.arguments : JSON.stringify(options.arguments);
    const at = {
      response_id: options.responseId ?? 'resp_1',
      item_id: options.itemId ?? 'item_1',
      call_id: options.callId ?? 'call_1',
    };
    const item = {
      id: at.item_id,
      type: 'function_call',
      name: options.name,
      call_id: at.call_id,
    } as const;
    const deltas = args.match(/[\s\S]{1,8}/g) ?? [];
    return responseTree(
      options,
      { ...item, status: 'in_progress', arguments: '' },
      { ...item, status: 'completed', arguments: args },
      [
        ...deltas.map((delta) =>
          serverEvent('response.function_call_arguments.delta', { ...at, delta }),
        ),
        serverEvent('response.function_call_arguments.done', {
          ...at,
          name: options.name,
          arguments: args,
        }),
      ],
    );
  },

  /**
   * A user's spoken turn under server VAD: speech started and stopped, the buffer committed,
   * the user item added and done, and its input transcription.
   */
  userSpeechTurn(options: UserSpeechTurnOptions): ServerEvent[] {
    const itemId = options.itemId ?? 'item_user_1';
    const start = options.startMs ?? 0;
    const previous = { previous_item_id: options.previousItemId ?? null };
    const item = (transcript: string | null) =>
      ({
        id: itemId,
        type: 'message',
        role: 'user',
        status: 'completed',
        content: [{ type: 'input_audio', transcript }],
      }) as const;
    return numbered(itemId, [
      serverEvent('input_audio_buffer.speech_started', { item_id: itemId, audio_start_ms: start }),
      serverEvent('input_audio_buffer.speech_stopped', {
        item_id: itemId,
        audio_end_ms: start + options.durationMs,
      }),
      serverEvent('input_audio_buffer.committed', { ...previous, item_id: itemId }),
      serverEvent('conversation.item.added', { ...previous, item: item(null) }),
      serverEvent('conversation.item.done', { ...previous, item: item(null) }),
      serverEvent('conversation.item.input_audio_transcription.completed', {
        item_id: itemId,
        transcript: options.transcript,
      }),
    ]);
  },
};
