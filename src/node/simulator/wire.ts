import { itemToBeta } from '../../protocol/beta-shapes.js';
import type { Dialect } from '../../protocol/index.js';
import { responseToBeta, sessionToBeta } from './session-config.js';
import type { Json } from './types.js';

const BETA_NAMES: { readonly [ga: string]: string | undefined } = {
  'response.output_text.delta': 'response.text.delta',
  'response.output_text.done': 'response.text.done',
  'response.output_audio.delta': 'response.audio.delta',
  'response.output_audio.done': 'response.audio.done',
  'response.output_audio_transcript.delta': 'response.audio_transcript.delta',
  'response.output_audio_transcript.done': 'response.audio_transcript.done',
  'conversation.item.added': 'conversation.item.created',
};

/**
 * Writes a canonical (GA) server event in the connection's dialect. Returns `null` for
 * events beta does not send (`conversation.item.done`).
 */
export function toWire(event: Json, dialect: Dialect): Json | null {
  if (dialect === 'ga') return event;
  const type = String(event.type);
  if (type === 'conversation.item.done') return null;
  const renamed: Record<string, unknown> = { ...event, type: BETA_NAMES[type] ?? type };
  if ('item' in event) renamed.item = itemToBeta(event.item);
  if (type === 'session.created' || type === 'session.updated')
    renamed.session = sessionToBeta(event.session as Json);
  if (type === 'response.created' || type === 'response.done')
    renamed.response = responseToBeta(event.response as Json);
  if (type === 'response.function_call_arguments.done') delete renamed.name;
  if (type === 'conversation.item.input_audio_transcription.delta') delete renamed.obfuscation;
  return renamed;
}
