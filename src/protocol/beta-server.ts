import {
  itemToGa,
  responseToGa,
  sessionToGa,
  transcriptionSessionToGa,
  type Json,
} from './beta-shapes.js';

/** How one beta server event becomes its canonical GA twin. */
interface BetaServerRule {
  /** The canonical `type`. */
  readonly type: string;
  /** Payload changes beyond the rename, when the shapes differ. */
  readonly translate?: (event: Json) => Json;
  /** True when the payload differs from GA, so the result must be checked with the GA codec. */
  readonly reshaped: boolean;
}

const rename = (type: string): BetaServerRule => ({ type, reshaped: false });
const withItem = (type: string): BetaServerRule => ({
  type,
  reshaped: true,
  translate: (e) => ({ ...e, item: itemToGa(e.item) }),
});
const withResponse = (type: string): BetaServerRule => ({
  type,
  reshaped: true,
  translate: (e) => ({ ...e, response: responseToGa(e.response as Json) }),
});
const withSession = (type: string, toGa: (s: Json) => Json): BetaServerRule => ({
  type,
  reshaped: true,
  translate: (e) => ({ ...e, session: toGa(e.session as Json) }),
});

/**
 * Beta server events whose name or payload differ from GA (reference §5). Events not listed
 * have the same name and fields in both dialects.
 */
export const betaServerRules: { readonly [betaType: string]: BetaServerRule | undefined } = {
  'session.created': withSession('session.created', sessionToGa),
  'session.updated': withSession('session.updated', sessionToGa),
  'transcription_session.created': withSession('session.created', transcriptionSessionToGa),
  'transcription_session.updated': withSession('session.updated', transcriptionSessionToGa),
  'conversation.item.created': withItem('conversation.item.added'),
  'conversation.item.retrieved': withItem('conversation.item.retrieved'),
  'response.output_item.added': withItem('response.output_item.added'),
  'response.output_item.done': withItem('response.output_item.done'),
  'response.created': withResponse('response.created'),
  'response.done': withResponse('response.done'),
  'response.text.delta': rename('response.output_text.delta'),
  'response.text.done': rename('response.output_text.done'),
  'response.audio.delta': rename('response.output_audio.delta'),
  'response.audio.done': rename('response.output_audio.done'),
  'response.audio_transcript.delta': rename('response.output_audio_transcript.delta'),
  'response.audio_transcript.done': rename('response.output_audio_transcript.done'),
  // GA adds the function name; a lone event cannot know it (the stream decoder fills it in).
  'response.function_call_arguments.done': {
    type: 'response.function_call_arguments.done',
    reshaped: true,
    translate: (e) => ({ name: '', ...e }),
  },
};
