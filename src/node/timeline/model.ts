import {
  audioFormatFromGa,
  base64ByteLength,
  bytesToMs,
  type AudioFormat,
} from '../../audio/index.js';
import type { PlaybackMark, ServerEvent } from '../../protocol/index.js';

/**
 * One event of a recording as {@link sessionTimeline} reads it: a canonical server event
 * (`dir` `'in'` or absent), or a client frame as recorded (`dir: 'out'`, JSON not decoded).
 * `t` is the recorded time in ms, when the recording has times (`recordWire` lines).
 *
 * @example
 * ```ts
 * import type { TimelineInput } from 'rx-realtime/node';
 * const cut: TimelineInput = {
 *   t: 1250,
 *   dir: 'out',
 *   event: { type: 'conversation.item.truncate', item_id: 'item_1', content_index: 0, audio_end_ms: 200 },
 * };
 * ```
 */
export type TimelineInput =
  | {
      /** Recorded time in ms, when the recording has times. */
      readonly t?: number;
      /** Sent by the server (a plain wire line counts as that). */
      readonly dir?: 'in';
      /** The server event, decoded to the canonical vocabulary. */
      readonly event: ServerEvent;
    }
  | {
      /** Recorded time in ms, when the recording has times. */
      readonly t?: number;
      /** Sent by the client. */
      readonly dir: 'out';
      /** The client frame's JSON as recorded; only `conversation.item.truncate` is read. */
      readonly event: unknown;
    }
  | {
      /** Recorded time in ms, when the recording has times. */
      readonly t?: number;
      /** What the app's speaker had played by then (`recordPlayback`). */
      readonly dir: 'playback';
      /** The item and how much of it was played. */
      readonly event: PlaybackMark;
    };

/**
 * Which clock places the timeline's events. `'recorded'`: the recording's times `t`, from the
 * first one. `'synthetic'`: the recording has no times, so user speech sits at its input-audio
 * times (`audio_start_ms`/`audio_end_ms`) and each assistant item starts when the previous
 * item's audio, or the user speech before it, ends, and lasts as long as its audio.
 *
 * @example
 * ```ts
 * import type { TimelineClock } from 'rx-realtime/node';
 * const clock: TimelineClock = 'synthetic';
 * ```
 */
export type TimelineClock = 'recorded' | 'synthetic';

/**
 * A bar on a lane, in ms on the timeline's clock (0 is the first event).
 *
 * @example
 * ```ts
 * import type { TimelineInterval } from 'rx-realtime/node';
 * const turn: TimelineInterval = { itemId: 'item_1', startMs: 200, endMs: 1700, audioMs: 1500 };
 * ```
 */
export interface TimelineInterval {
  /** The conversation item: the user's audio item, or the assistant's message. */
  readonly itemId: string;
  /**
   * User speech: where the speech starts (recorded clock: when `speech_started` arrived).
   * Assistant audio: when the item's first audio delta arrived.
   */
  readonly startMs: number;
  /**
   * User speech: `startMs` plus the speech's input-audio length. Assistant audio: when the
   * item's last audio delta arrived (on the synthetic clock, `startMs + audioMs`).
   */
  readonly endMs: number;
  /** Ms of audio: the speech's input-audio length, or what the item's deltas carry. */
  readonly audioMs: number;
  /** The transcript, when the recording has one. */
  readonly transcript?: string;
  /** User speech only: `speech_stopped` never came, so the bar runs to the timeline's end. */
  readonly open?: boolean;
  /**
   * Assistant audio with playback marks in the recording: when the user heard it (from the
   * first mark's time minus what it had played, to the last mark) and how many ms.
   */
  readonly heard?: {
    /** When playback of the item started. */
    readonly startMs: number;
    /** When the last of it was played. */
    readonly endMs: number;
    /** Ms of the item's audio played. */
    readonly playedMs: number;
  };
}

/**
 * A point on the timeline: a truncation on an assistant item's bar (at the item's start plus
 * `audio_end_ms`, the start of its playback when the recording has playback marks; `by` says whether the client's `conversation.item.truncate`, the server's
 * `conversation.item.truncated`, or both reported it), a response starting or ending, or a
 * function call the model made.
 *
 * @example
 * ```ts
 * import type { TimelineMarker } from 'rx-realtime/node';
 * const cut: TimelineMarker = {
 *   kind: 'truncation', atMs: 1400, itemId: 'item_2', audioEndMs: 200, by: ['server'],
 * };
 * ```
 */
export type TimelineMarker =
  | {
      /** A truncation on an assistant item's bar. */
      readonly kind: 'truncation';
      /** The item's bar start (or playback start) plus `audioEndMs`. */
      readonly atMs: number;
      /** The truncated assistant item. */
      readonly itemId: string;
      /** The `audio_end_ms` of the truncation: how much of the item was heard. */
      readonly audioEndMs: number;
      /** Who reported it: the client's truncate, the server's truncated, or both. */
      readonly by: readonly ('client' | 'server')[];
    }
  | {
      /** A response started. */
      readonly kind: 'response.created';
      /** When `response.created` arrived. */
      readonly atMs: number;
      /** The response's id. */
      readonly responseId: string;
    }
  | {
      /** A response ended. */
      readonly kind: 'response.done';
      /** When `response.done` arrived. */
      readonly atMs: number;
      /** The response's id. */
      readonly responseId: string;
      /** `completed`, `cancelled`, `incomplete` or `failed`. */
      readonly status: string;
    }
  | {
      /** The model called a function. */
      readonly kind: 'function_call';
      /** When the call's `response.output_item.done` arrived. */
      readonly atMs: number;
      /** The function call item. */
      readonly itemId: string;
      /** The function's name. */
      readonly name: string;
    };

/**
 * A session's timeline as plain data, what {@link renderTimelineSvg} draws.
 *
 * @example
 * ```ts
 * import { sessionTimeline, type Timeline } from 'rx-realtime/node';
 * const timeline: Timeline = sessionTimeline([]);
 * timeline.lanes.user; // []
 * ```
 */
export interface Timeline {
  /** Which clock the ms are on. */
  readonly clock: TimelineClock;
  /** Where the last bar or marker ends, in ms. */
  readonly endMs: number;
  /** The output format the assistant audio was measured in (the last one the session set). */
  readonly audioFormat: AudioFormat;
  /** The bars, lane by lane. */
  readonly lanes: {
    /** User turns, from `input_audio_buffer.speech_started`/`speech_stopped`. */
    readonly user: readonly TimelineInterval[];
    /** Assistant audio items, from their `response.output_audio.delta` events. */
    readonly assistant: readonly TimelineInterval[];
  };
  /** In time order. */
  readonly markers: readonly TimelineMarker[];
}

/**
 * Options of {@link sessionTimeline}.
 *
 * @example
 * ```ts
 * import type { SessionTimelineOptions } from 'rx-realtime/node';
 * const options: SessionTimelineOptions = { audioFormat: 'g711_ulaw' };
 * ```
 */
export interface SessionTimelineOptions {
  /** Output format until a `session.created`/`session.updated` names one; default `'pcm16'`. */
  readonly audioFormat?: AudioFormat;
}

interface Speech {
  itemId: string;
  startMs: number;
  audioStartMs: number | undefined;
  endMs?: number;
  audioMs?: number;
}

interface AssistantAudio {
  itemId: string;
  startMs: number;
  endMs: number;
  audioMs: number;
}

interface Heard {
  startMs: number;
  endMs: number;
  playedMs: number;
}

interface Cut {
  itemId: string;
  audioEndMs: number;
  eventMs: number;
  by: ('client' | 'server')[];
}

type Pending = Exclude<TimelineMarker, { kind: 'truncation' }>;

function outputFormat(event: ServerEvent): AudioFormat | undefined {
  if (event.type !== 'session.created' && event.type !== 'session.updated') return undefined;
  const audio = event.session.audio;
  const output = audio && 'output' in audio ? audio.output : undefined;
  // A translation session's output names a language, not a format.
  const format = output && 'format' in output ? output.format : undefined;
  return format ? audioFormatFromGa(format) : undefined;
}

/** The client's `conversation.item.truncate`, read from an undecoded recorded frame. */
function clientTruncate(event: unknown): { itemId: string; audioEndMs: number } | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as Record<string, unknown>;
  return e.type === 'conversation.item.truncate' &&
    typeof e.item_id === 'string' &&
    typeof e.audio_end_ms === 'number'
    ? { itemId: e.item_id, audioEndMs: e.audio_end_ms }
    : undefined;
}

/**
 * Builds a session's {@link Timeline} from its recorded events (`recordingTimeline` reads
 * them from a JSONL recording's text): user speech turns, assistant audio items with
 * the ms of audio their deltas carry, truncation points, response and function-call markers.
 * Pure: no I/O, no clock reads.
 *
 * With times (`t` on any event) the timeline uses them, from the first; otherwise it lays the
 * events out on a synthetic clock (see {@link TimelineClock}). Assistant audio is measured in
 * the output format the session announces (`session.created`/`session.updated`), PCM16 24 kHz
 * by default.
 *
 * @example
 * ```ts
 * import { sessionTimeline } from 'rx-realtime/node';
 * const timeline = sessionTimeline([
 *   { event: { type: 'input_audio_buffer.speech_started', event_id: 'e1', audio_start_ms: 200, item_id: 'u1' } },
 *   { event: { type: 'input_audio_buffer.speech_stopped', event_id: 'e2', audio_end_ms: 1700, item_id: 'u1' } },
 * ]);
 * timeline.lanes.user; // [{ itemId: 'u1', startMs: 200, endMs: 1700, audioMs: 1500 }]
 * timeline.clock; // 'synthetic'
 * ```
 */
export function sessionTimeline(
  events: readonly TimelineInput[],
  options: SessionTimelineOptions = {},
): Timeline {
  const origin = events.find((e) => e.t !== undefined)?.t;
  const clock: TimelineClock = origin === undefined ? 'synthetic' : 'recorded';
  let format: AudioFormat = options.audioFormat ?? 'pcm16';
  // Recorded clock: the last time seen (a line without `t` happened with the one before it).
  // Synthetic clock: how far the conversation has got.
  let now = 0;
  const speeches: Speech[] = [];
  const openSpeech = new Map<string, Speech>();
  const audio = new Map<string, AssistantAudio>();
  const transcripts = new Map<string, string>();
  const cuts: Cut[] = [];
  const markers: Pending[] = [];
  const heard = new Map<string, Heard>();

  const cut = (itemId: string, audioEndMs: number, by: 'client' | 'server') => {
    const same = cuts.find((c) => c.itemId === itemId && c.audioEndMs === audioEndMs);
    if (same) {
      if (!same.by.includes(by)) same.by.push(by);
    } else cuts.push({ itemId, audioEndMs, eventMs: now, by: [by] });
  };

  for (const input of events) {
    if (origin !== undefined && input.t !== undefined) now = input.t - origin;
    if (input.dir === 'out') {
      const truncate = clientTruncate(input.event);
      if (truncate) cut(truncate.itemId, truncate.audioEndMs, 'client');
      continue;
    }
    if (input.dir === 'playback') {
      const { itemId, playedMs } = input.event;
      const played = heard.get(itemId);
      if (played)
        Object.assign(played, { endMs: now, playedMs: Math.max(played.playedMs, playedMs) });
      else heard.set(itemId, { startMs: now - playedMs, endMs: now, playedMs });
      continue;
    }
    const event = input.event;
    format = outputFormat(event) ?? format;
    switch (event.type) {
      case 'input_audio_buffer.speech_started': {
        if (clock === 'synthetic') now = Math.max(now, event.audio_start_ms);
        const speech: Speech = {
          itemId: event.item_id,
          startMs: clock === 'synthetic' ? event.audio_start_ms : now,
          audioStartMs: event.audio_start_ms,
        };
        speeches.push(speech);
        openSpeech.set(event.item_id, speech);
        break;
      }
      case 'input_audio_buffer.speech_stopped': {
        if (clock === 'synthetic') now = Math.max(now, event.audio_end_ms);
        let speech = openSpeech.get(event.item_id);
        if (!speech) {
          // The recording began mid-speech: the start is unknown, so the bar starts at 0.
          speech = { itemId: event.item_id, startMs: 0, audioStartMs: undefined };
          speeches.push(speech);
        }
        openSpeech.delete(event.item_id);
        if (speech.audioStartMs === undefined) {
          speech.endMs = clock === 'synthetic' ? event.audio_end_ms : now;
          speech.audioMs = speech.endMs - speech.startMs;
        } else {
          // The speech's length is exact in input-audio time; on the synthetic clock this
          // ends the bar at audio_end_ms.
          speech.audioMs = event.audio_end_ms - speech.audioStartMs;
          speech.endMs = speech.startMs + speech.audioMs;
        }
        break;
      }
      case 'response.output_audio.delta': {
        const ms = bytesToMs(base64ByteLength(event.delta), format);
        let item = audio.get(event.item_id);
        if (!item) {
          item = { itemId: event.item_id, startMs: now, endMs: now, audioMs: 0 };
          audio.set(event.item_id, item);
        }
        item.audioMs += ms;
        if (clock === 'recorded') item.endMs = now;
        else now = item.endMs = item.startMs + item.audioMs;
        break;
      }
      case 'response.output_audio_transcript.delta':
        transcripts.set(event.item_id, (transcripts.get(event.item_id) ?? '') + event.delta);
        break;
      case 'response.output_audio_transcript.done':
        transcripts.set(event.item_id, event.transcript);
        break;
      case 'conversation.item.input_audio_transcription.completed':
        transcripts.set(event.item_id, event.transcript);
        break;
      case 'conversation.item.truncated':
        cut(event.item_id, event.audio_end_ms, 'server');
        break;
      case 'response.created':
        markers.push({ kind: 'response.created', atMs: now, responseId: event.response.id ?? '' });
        break;
      case 'response.done':
        markers.push({
          kind: 'response.done',
          atMs: now,
          responseId: event.response.id ?? '',
          status: event.response.status ?? 'completed',
        });
        break;
      case 'response.output_item.done':
        if (event.item.type === 'function_call')
          markers.push({
            kind: 'function_call',
            atMs: now,
            itemId: event.item.id ?? '',
            name: event.item.name,
          });
        break;
      default:
        break;
    }
  }

  const withTranscript = <T extends { itemId: string }>(x: T) => {
    const transcript = transcripts.get(x.itemId);
    return transcript ? { ...x, transcript } : x;
  };
  const assistant = [...audio.values()].map((item): TimelineInterval => {
    const played = heard.get(item.itemId);
    return withTranscript(played ? { ...item, heard: { ...played } } : item);
  });
  const truncations: TimelineMarker[] = cuts.map((c) => ({
    kind: 'truncation',
    atMs:
      (heard.get(c.itemId)?.startMs ?? audio.get(c.itemId)?.startMs ?? c.eventMs) + c.audioEndMs,
    itemId: c.itemId,
    audioEndMs: c.audioEndMs,
    by: c.by,
  }));
  const allMarkers = [...markers, ...truncations].sort((a, b) => a.atMs - b.atMs);
  const endMs = Math.max(
    now,
    ...speeches.map((s) => s.endMs ?? 0),
    ...assistant.map((a) =>
      Math.max(a.endMs, a.startMs + a.audioMs, a.heard ? a.heard.startMs + a.audioMs : 0),
    ),
    ...allMarkers.map((m) => m.atMs),
  );
  const user: TimelineInterval[] = speeches.map((s) =>
    withTranscript({
      itemId: s.itemId,
      startMs: s.startMs,
      endMs: s.endMs ?? endMs,
      audioMs: s.audioMs ?? endMs - s.startMs,
      ...(s.endMs === undefined ? { open: true } : {}),
    }),
  );
  return { clock, endMs, audioFormat: format, lanes: { user, assistant }, markers: allMarkers };
}
