import type { Dialect } from '../../protocol/index.js';
import type { Json, MutableJson } from './types.js';

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The effective GA session a new connection starts with (mirrors the 2025 captures). */
export function defaultSession(id: string, dialect: Dialect, expiresAt: number): MutableJson {
  return {
    type: 'realtime',
    object: 'realtime.session',
    id,
    model: dialect === 'ga' ? 'gpt-realtime-2.1' : 'gpt-4o-realtime-preview-2024-12-17',
    output_modalities: ['audio'],
    instructions: 'You are a helpful, witty, and friendly AI (simulated by rx-realtime).',
    tools: [],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: null,
    prompt: null,
    expires_at: expiresAt,
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24000 },
        transcription: null,
        noise_reduction: null,
        turn_detection: vadDefaults('server_vad'),
      },
      output: {
        format: { type: 'audio/pcm', rate: 24000 },
        voice: dialect === 'ga' ? 'marin' : 'alloy',
        speed: 1,
      },
    },
    include: null,
  };
}

/**
 * The GA transcription session object a `session.update` with `type: 'transcription'` turns a
 * session into: input audio settings and `include` only, no model output.
 */
function asTranscriptionSession(session: Json): MutableJson {
  const audio = isJson(session.audio) ? session.audio : {};
  return {
    type: 'transcription',
    object: 'realtime.transcription_session',
    id: session.id,
    expires_at: session.expires_at,
    audio: { input: isJson(audio.input) ? audio.input : {} },
    include: session.include ?? null,
  };
}

/**
 * Applies a partial GA session config (reference §8): fields present replace, `audio.input`
 * and `audio.output` merge field by field, `turn_detection` merges over the defaults of its
 * VAD type. `model` and `id` never change; `type: 'transcription'` makes it a transcription
 * session (no responses).
 */
export function mergeSession(current: Json, update: Json): MutableJson {
  if (update.type === 'transcription' && current.type !== 'transcription') {
    return mergeSession(asTranscriptionSession(current), update);
  }
  const next: MutableJson = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (
      value === undefined ||
      key === 'model' ||
      key === 'id' ||
      key === 'type' ||
      key === 'object'
    )
      continue;
    if (key === 'audio' && isJson(value)) {
      const audio = isJson(current.audio) ? current.audio : {};
      const input = isJson(audio.input) ? audio.input : {};
      const output = isJson(audio.output) ? audio.output : {};
      const inUpdate = isJson(value.input) ? value.input : {};
      const mergedInput: MutableJson = { ...input, ...inUpdate };
      if (isJson(inUpdate.turn_detection)) {
        const td = inUpdate.turn_detection;
        const base =
          isJson(input.turn_detection) && input.turn_detection.type === (td.type ?? 'server_vad')
            ? input.turn_detection
            : vadDefaults(td.type === 'semantic_vad' ? 'semantic_vad' : 'server_vad');
        mergedInput.turn_detection = { ...base, ...td };
      }
      if (isJson(inUpdate.transcription))
        mergedInput.transcription = { prompt: '', ...inUpdate.transcription };
      next.audio = {
        input: mergedInput,
        output: { ...output, ...(isJson(value.output) ? value.output : {}) },
      };
    } else next[key] = value;
  }
  return next;
}

function vadDefaults(type: 'server_vad' | 'semantic_vad'): Json {
  return type === 'server_vad'
    ? {
        type,
        threshold: 0.5,
        prefix_padding_ms: 300,
        silence_duration_ms: 200,
        idle_timeout_ms: null,
        create_response: true,
        interrupt_response: true,
      }
    : { type, eagerness: 'auto', create_response: true, interrupt_response: true };
}
