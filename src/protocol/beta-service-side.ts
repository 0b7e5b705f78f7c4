/**
 * The directions of the dialect translation that the service side needs: GA server objects
 * and events written in beta (what a beta server sends), and beta client events read as GA
 * (what a beta server receives). The socket only needs the other directions
 * (`beta-shapes.ts`); the simulator, which plays the service, needs these. Keeping both in
 * the protocol layer means a new field is translated in one place.
 */
import { betaServerRules } from './beta-server.js';
import {
  defined,
  formatToBeta,
  formatToGa,
  itemToBeta,
  itemToGa,
  modalitiesToBeta,
  modalitiesToGa,
  sessionToGa,
  type Json,
} from './beta-shapes.js';

/** A JSON object being built. */
type MutableJson = { [field: string]: unknown };

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A beta (flat) session.update payload as a partial GA config. */
export function betaConfigToGa(flat: Json): MutableJson {
  const ga: MutableJson = { ...sessionToGa(flat) };
  delete ga.type;
  delete ga.object;
  delete ga.id;
  const audio = isJson(ga.audio) ? ga.audio : {};
  const input = isJson(audio.input) ? { ...audio.input } : {};
  if (isJson(input.turn_detection)) input.turn_detection = { ...input.turn_detection };
  ga.audio = { input, output: isJson(audio.output) ? audio.output : {} };
  return ga;
}

/** The beta (flat) session object of a GA session, for session.created / session.updated. */
export function sessionToBeta(session: Json): Json {
  const audio = isJson(session.audio) ? session.audio : {};
  const input = isJson(audio.input) ? audio.input : {};
  const output = isJson(audio.output) ? audio.output : {};
  const td = isJson(input.turn_detection) ? { ...input.turn_detection } : null;
  if (td) delete (td as MutableJson).idle_timeout_ms;
  const transcription = isJson(input.transcription)
    ? { prompt: null, ...input.transcription }
    : null;
  return {
    id: session.id,
    object: 'realtime.session',
    expires_at: session.expires_at,
    input_audio_noise_reduction: input.noise_reduction ?? null,
    turn_detection: td,
    input_audio_format: formatToBeta(input.format),
    input_audio_transcription: transcription,
    client_secret: null,
    include: session.include ?? null,
    model: session.model,
    modalities: modalitiesToBeta(session.output_modalities),
    instructions: session.instructions,
    voice: output.voice,
    output_audio_format: formatToBeta(output.format),
    tool_choice: typeof session.tool_choice === 'string' ? session.tool_choice : 'auto',
    temperature: 0.8,
    max_response_output_tokens: session.max_output_tokens,
    speed: output.speed,
    tools: session.tools,
  };
}

/** The beta response object of a GA response, for response.created / response.done. */
export function responseToBeta(response: Json): Json {
  const { output_modalities, audio, output, ...rest } = response;
  const out = isJson(audio) && isJson(audio.output) ? audio.output : {};
  return {
    ...rest,
    output: Array.isArray(output) ? output.map(itemToBeta) : output,
    modalities: modalitiesToBeta(output_modalities),
    voice: out.voice,
    output_audio_format: formatToBeta(out.format),
    temperature: 0.8,
  };
}

/** Beta response.create overrides as GA ones (`temperature` has no GA counterpart). */
export function betaResponseParamsToGa(params: Json): MutableJson {
  const {
    modalities,
    voice,
    output_audio_format,
    max_response_output_tokens,
    temperature: _temperature,
    ...rest
  } = params;
  const ga: MutableJson = { ...rest };
  if (modalities !== undefined) ga.output_modalities = modalitiesToGa(modalities);
  if (max_response_output_tokens !== undefined) ga.max_output_tokens = max_response_output_tokens;
  const output = defined({ voice, format: formatToGa(output_audio_format) });
  if (Object.keys(output).length) ga.audio = { output };
  return ga;
}

/** A beta client event (already checked against the beta codecs) in GA shape. */
export function betaClientEventToGa(event: Json): Json {
  switch (event.type) {
    case 'session.update':
      return { ...event, session: betaConfigToGa(isJson(event.session) ? event.session : {}) };
    case 'conversation.item.create':
      return { ...event, item: itemToGa(event.item) };
    case 'response.create':
      return isJson(event.response)
        ? { ...event, response: betaResponseParamsToGa(event.response) }
        : event;
    default:
      return event;
  }
}

/** GA server event names and their beta names: the renames of `betaServerRules`, reversed. */
const BETA_NAMES: ReadonlyMap<string, string> = new Map(
  Object.entries(betaServerRules)
    .filter(
      ([beta, rule]) => rule && rule.type !== beta && !beta.startsWith('transcription_session.'),
    )
    .map(([beta, rule]) => [rule!.type, beta]),
);

/**
 * A canonical (GA) server event as a beta server writes it; `null` for events beta does not
 * send (`conversation.item.done`).
 */
export function serverEventToBeta(event: Json): Json | null {
  const type = String(event.type);
  if (type === 'conversation.item.done') return null;
  const renamed: MutableJson = { ...event, type: BETA_NAMES.get(type) ?? type };
  if ('item' in event) renamed.item = itemToBeta(event.item);
  if (type === 'session.created' || type === 'session.updated')
    renamed.session = sessionToBeta(event.session as Json);
  if (type === 'response.created' || type === 'response.done')
    renamed.response = responseToBeta(event.response as Json);
  if (type === 'response.function_call_arguments.done') delete renamed.name;
  if (
    type === 'conversation.item.input_audio_transcription.delta' ||
    type === 'response.output_text.delta'
  )
    delete renamed.obfuscation;
  return renamed;
}
