/**
 * The field-level mapping between the beta and GA shapes of sessions, responses, items and
 * audio formats (reference §5.2). Both directions live here so the two stay mirror images.
 * Functions work on plain JSON objects; callers validate the result with the target codec.
 */
import { own, setField } from './own.js';

/** A JSON object as it travels. */
export type Json = { readonly [field: string]: unknown };

/**
 * Drops the keys whose value is `undefined`, so translated objects carry no empty fields.
 * Every other key stays an own field, `__proto__` too (so the strict check can name it).
 */
export function defined(record: Record<string, unknown>): Json {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record))
    if (record[key] !== undefined) setField(out, key, record[key]);
  return out;
}

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const BETA_TO_GA_FORMAT: Record<string, Json> = {
  pcm16: { type: 'audio/pcm', rate: 24000 },
  g711_ulaw: { type: 'audio/pcmu' },
  g711_alaw: { type: 'audio/pcma' },
};
const GA_TO_BETA_FORMAT: Record<string, string> = {
  'audio/pcm': 'pcm16',
  'audio/pcmu': 'g711_ulaw',
  'audio/pcma': 'g711_alaw',
};

export function formatToGa(format: unknown): unknown {
  return typeof format === 'string' ? (own(BETA_TO_GA_FORMAT, format) ?? format) : format;
}

export function formatToBeta(format: unknown): unknown {
  return isJson(format) && typeof format.type === 'string'
    ? (own(GA_TO_BETA_FORMAT, format.type) ?? format)
    : format;
}

/** Beta lists every modality produced; GA names the one output (audio always comes with a transcript). */
export function modalitiesToGa(modalities: unknown): unknown {
  if (!Array.isArray(modalities)) return modalities;
  return modalities.includes('audio') ? ['audio'] : ['text'];
}

export function modalitiesToBeta(modalities: unknown): unknown {
  if (!Array.isArray(modalities)) return modalities;
  return modalities.includes('audio') ? ['text', 'audio'] : ['text'];
}

/** Beta types tool_choice as a string; a name other than none/auto/required forces that function. */
function toolChoiceToGa(choice: unknown): unknown {
  if (typeof choice !== 'string' || ['none', 'auto', 'required'].includes(choice)) return choice;
  return { type: 'function', name: choice };
}

const ASSISTANT_TO_GA: Record<string, string> = { text: 'output_text', audio: 'output_audio' };
const ASSISTANT_TO_BETA: Record<string, string> = { output_text: 'text', output_audio: 'audio' };

/** Renames assistant content types; returns the same object when nothing needs renaming. */
function mapAssistantContent(item: unknown, names: Record<string, string>): unknown {
  if (!isJson(item) || item.type !== 'message' || item.role !== 'assistant') return item;
  const content: unknown = item.content;
  if (!Array.isArray(content)) return item;
  const renamed = (c: unknown): string | undefined =>
    isJson(c) && typeof c.type === 'string' ? own(names, c.type) : undefined;
  if (!content.some((c: unknown) => renamed(c) !== undefined)) return item;
  return {
    ...item,
    content: content.map((c: unknown) => {
      const type = renamed(c);
      return type === undefined ? c : { ...(c as Json), type };
    }),
  };
}

export const itemToGa = (item: unknown): unknown => mapAssistantContent(item, ASSISTANT_TO_GA);
export const itemToBeta = (item: unknown): unknown => mapAssistantContent(item, ASSISTANT_TO_BETA);

/** Beta session object (session.created / updated) to the GA realtime session object. */
export function sessionToGa(session: Json): Json {
  const {
    modalities,
    voice,
    speed,
    input_audio_format,
    output_audio_format,
    input_audio_transcription,
    input_audio_noise_reduction,
    turn_detection,
    max_response_output_tokens,
    tool_choice,
    temperature: _temperature,
    client_secret: _clientSecret,
    ...rest
  } = session;
  const input = defined({
    format: formatToGa(input_audio_format),
    transcription: input_audio_transcription,
    noise_reduction: input_audio_noise_reduction,
    turn_detection,
  });
  const output = defined({ format: formatToGa(output_audio_format), voice, speed });
  return defined({
    ...rest,
    type: 'realtime',
    object: 'realtime.session',
    id: session.id ?? '',
    output_modalities: modalitiesToGa(modalities),
    max_output_tokens: max_response_output_tokens,
    tool_choice: toolChoiceToGa(tool_choice),
    audio: { input, output },
  });
}

/** Beta transcription session object to the GA transcription session object. */
export function transcriptionSessionToGa(session: Json): Json {
  const {
    input_audio_format,
    input_audio_transcription,
    input_audio_noise_reduction,
    turn_detection,
    include,
    modalities: _modalities,
    client_secret: _clientSecret,
    ...rest
  } = session;
  return defined({
    ...rest,
    type: 'transcription',
    id: session.id ?? '',
    object: session.object ?? 'realtime.transcription_session',
    include: include ?? undefined,
    audio: {
      input: defined({
        format: formatToGa(input_audio_format),
        transcription: input_audio_transcription,
        noise_reduction: input_audio_noise_reduction ?? undefined,
        turn_detection,
      }),
    },
  });
}

/** Beta response object (response.created / done) to the GA response object. */
export function responseToGa(response: Json): Json {
  const {
    modalities,
    voice,
    output_audio_format,
    temperature: _temperature,
    output,
    ...rest
  } = response;
  const audioOutput = defined({ format: formatToGa(output_audio_format), voice });
  return defined({
    ...rest,
    output: Array.isArray(output) ? output.map(itemToGa) : output,
    output_modalities: modalitiesToGa(modalities),
    audio: Object.keys(audioOutput).length ? { output: audioOutput } : undefined,
  });
}

/**
 * GA session config (session.update) to the flat beta config. Fields with no beta
 * counterpart are passed along unchanged, so the strict beta check names them.
 */
export function sessionConfigToBeta(session: Json): Json {
  const { type: _type, audio, output_modalities, max_output_tokens, ...rest } = session;
  const input = isJson(audio) && isJson(audio.input) ? audio.input : {};
  const output = isJson(audio) && isJson(audio.output) ? audio.output : {};
  const { format: inFormat, transcription, noise_reduction, turn_detection, ...inputRest } = input;
  const { format: outFormat, voice, speed, ...outputRest } = output;
  return defined({
    ...rest,
    modalities: modalitiesToBeta(output_modalities),
    max_response_output_tokens: max_output_tokens,
    input_audio_format: formatToBeta(inFormat),
    output_audio_format: formatToBeta(outFormat),
    input_audio_transcription: transcription,
    input_audio_noise_reduction: noise_reduction,
    turn_detection,
    voice,
    speed,
    ...prefixed('audio.input.', inputRest),
    ...prefixed('audio.output.', outputRest),
  });
}

/** GA transcription session config to the beta transcription_session.update payload. */
export function transcriptionConfigToBeta(session: Json): Json {
  const { type: _type, audio, ...rest } = session;
  const input = isJson(audio) && isJson(audio.input) ? audio.input : {};
  const { format, transcription, noise_reduction, turn_detection, ...inputRest } = input;
  return defined({
    ...rest,
    input_audio_format: formatToBeta(format),
    input_audio_transcription: transcription,
    input_audio_noise_reduction: noise_reduction,
    turn_detection,
    ...prefixed('audio.input.', inputRest),
  });
}

/** GA response.create overrides to the beta ones. */
export function responseParamsToBeta(params: Json): Json {
  const { audio, output_modalities, max_output_tokens, input, ...rest } = params;
  const output = isJson(audio) && isJson(audio.output) ? audio.output : {};
  const { format, voice, ...outputRest } = output;
  return defined({
    ...rest,
    input: Array.isArray(input) ? input.map(itemToBeta) : input,
    modalities: modalitiesToBeta(output_modalities),
    max_response_output_tokens: max_output_tokens,
    output_audio_format: formatToBeta(format),
    voice,
    ...prefixed('audio.output.', outputRest),
  });
}

/** Keeps untranslatable nested fields visible under their GA path, so the error names them. */
function prefixed(prefix: string, fields: Json): Json {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) out[`${prefix}${key}`] = fields[key];
  return out;
}
