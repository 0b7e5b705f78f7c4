/** Canonical (GA) server event factories for the operator tests. */
import { either } from 'fp-ts';
import {
  createServerEventDecoder,
  type ClientEvent,
  type Dialect,
  type ServerEvent,
  type ServerEventOf,
} from '../../src/protocol/index.js';
import { sampleLines } from '../helpers/samples.js';

let n = 0;
const id = (): string => `event_${++n}`;

export type Kind = 'text' | 'audio';

export const created = (rid: string): ServerEvent => ({
  type: 'response.created',
  event_id: id(),
  response: {
    id: rid,
    status: 'in_progress',
    output: [],
    status_details: null,
    usage: null,
    metadata: null,
  },
});

export const messageAdded = (rid: string, iid: string, outputIndex = 0): ServerEvent => ({
  type: 'response.output_item.added',
  event_id: id(),
  response_id: rid,
  output_index: outputIndex,
  item: { id: iid, type: 'message', role: 'assistant', status: 'in_progress', content: [] },
});

export const partAdded = (
  rid: string,
  iid: string,
  kind: Kind,
  outputIndex = 0,
  contentIndex = 0,
): ServerEvent => ({
  type: 'response.content_part.added',
  event_id: id(),
  response_id: rid,
  item_id: iid,
  output_index: outputIndex,
  content_index: contentIndex,
  part: kind === 'text' ? { type: 'text', text: '' } : { type: 'audio', transcript: '' },
});

const at = (rid: string, iid: string, outputIndex: number, contentIndex: number) => ({
  event_id: id(),
  response_id: rid,
  item_id: iid,
  output_index: outputIndex,
  content_index: contentIndex,
});

export const textDelta = (
  rid: string,
  iid: string,
  delta: string,
  outputIndex = 0,
  contentIndex = 0,
): ServerEvent => ({
  type: 'response.output_text.delta',
  ...at(rid, iid, outputIndex, contentIndex),
  delta,
});

export const textDone = (
  rid: string,
  iid: string,
  text: string,
  outputIndex = 0,
  contentIndex = 0,
): ServerEvent => ({
  type: 'response.output_text.done',
  ...at(rid, iid, outputIndex, contentIndex),
  text,
});

export const transcriptDelta = (
  rid: string,
  iid: string,
  delta: string,
  outputIndex = 0,
): ServerEvent => ({
  type: 'response.output_audio_transcript.delta',
  ...at(rid, iid, outputIndex, 0),
  delta,
});

export const transcriptDone = (
  rid: string,
  iid: string,
  transcript: string,
  outputIndex = 0,
): ServerEvent => ({
  type: 'response.output_audio_transcript.done',
  ...at(rid, iid, outputIndex, 0),
  transcript,
});

/** Base64 of `bytes` zero bytes. */
export const silence = (bytes: number): string => Buffer.alloc(bytes).toString('base64');

/** `n` milliseconds of pcm16 24 kHz silence (48 bytes per millisecond), base64. */
export const ms = (n: number): string => silence(n * 48);

/** The truncate the interruption logic should send for item `i1`. */
export const truncate = (audioEndMs: number): ClientEvent => ({
  type: 'conversation.item.truncate',
  item_id: 'i1',
  content_index: 0,
  audio_end_ms: audioEndMs,
});

export const audioDelta = (
  rid: string,
  iid: string,
  base64: string,
  outputIndex = 0,
): ServerEvent => ({
  type: 'response.output_audio.delta',
  ...at(rid, iid, outputIndex, 0),
  delta: base64,
});

export const audioDone = (rid: string, iid: string, outputIndex = 0): ServerEvent => ({
  type: 'response.output_audio.done',
  ...at(rid, iid, outputIndex, 0),
});

export const callAdded = (
  rid: string,
  iid: string,
  callId: string,
  name: string,
  outputIndex = 0,
): ServerEvent => ({
  type: 'response.output_item.added',
  event_id: id(),
  response_id: rid,
  output_index: outputIndex,
  item: {
    id: iid,
    type: 'function_call',
    status: 'in_progress',
    call_id: callId,
    name,
    arguments: '',
  },
});

export const argsDelta = (
  rid: string,
  iid: string,
  callId: string,
  delta: string,
  outputIndex = 0,
): ServerEvent => ({
  type: 'response.function_call_arguments.delta',
  event_id: id(),
  response_id: rid,
  item_id: iid,
  output_index: outputIndex,
  call_id: callId,
  delta,
});

export const argsDone = (
  rid: string,
  iid: string,
  callId: string,
  name: string,
  args: string,
  outputIndex = 0,
): ServerEvent => ({
  type: 'response.function_call_arguments.done',
  event_id: id(),
  response_id: rid,
  item_id: iid,
  output_index: outputIndex,
  call_id: callId,
  name,
  arguments: args,
});

export const callDone = (
  rid: string,
  iid: string,
  callId: string,
  name: string,
  args: string,
  status: 'completed' | 'incomplete' = 'completed',
  outputIndex = 0,
): ServerEvent => ({
  type: 'response.output_item.done',
  event_id: id(),
  response_id: rid,
  output_index: outputIndex,
  item: { id: iid, type: 'function_call', status, call_id: callId, name, arguments: args },
});

export type Status = 'completed' | 'cancelled' | 'incomplete' | 'failed';

export const done = (
  rid: string,
  status: Status = 'completed',
  usage: ServerEventOf<'response.done'>['response']['usage'] = null,
): ServerEvent => ({
  type: 'response.done',
  event_id: id(),
  response: {
    id: rid,
    status,
    status_details: status === 'completed' ? null : { type: status, reason: 'turn_detected' },
    output: [],
    usage,
    metadata: null,
  },
});

export const speechStarted = (): ServerEvent => ({
  type: 'input_audio_buffer.speech_started',
  event_id: id(),
  audio_start_ms: 0,
  item_id: 'item_user',
});

/** Every canonical event of a sample stream, decoded with the dialect its name says. */
export function sampleEvents(file: string): ServerEvent[] {
  const dialect: Dialect = file.startsWith('beta') ? 'beta' : 'ga';
  const decoder = createServerEventDecoder(dialect);
  return sampleLines(file).flatMap((line) => {
    const decoded = decoder.decodeFrame(line);
    if (either.isLeft(decoded)) throw decoded.left;
    return [...decoded.right];
  });
}

/** The library-local event the socket emits when an open connection ends unasked. */
export const connectionLost = (code = 1006, willReconnect = true): ServerEvent => ({
  type: 'local.connection_lost',
  code,
  reason: '',
  willReconnect,
});

/** The library-local `response.done` that `finishCutResponses` emits for a cut response. */
export const cutDone = (rid: string, code = 1006): ServerEvent => ({
  type: 'response.done',
  event_id: `local_done_${rid}`,
  response: {
    id: rid,
    object: 'realtime.response',
    status: 'incomplete',
    status_details: {
      type: 'incomplete',
      error: { type: 'connection_lost', code: `close_${code}` },
    },
    usage: null,
  },
});
