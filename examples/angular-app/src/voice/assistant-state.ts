/**
 * What the assistant is doing, from the server's events: a pure reducer, so the Angular service
 * only folds the socket's events with `scan` and this file has no framework in it.
 */
import type { ServerEvent } from 'rx-realtime';

/** What the page shows: waiting, hearing the user, working on an answer, or talking. */
export type AssistantPhase = 'idle' | 'listening' | 'thinking' | 'speaking';

/** The phase, and what it is derived from. */
export interface AssistantState {
  readonly phase: AssistantPhase;
  /** A response is being produced (between `response.created` and `response.done`). */
  readonly responding: boolean;
  /**
   * WebRTC only: the service is still playing the answer's audio (`output_audio_buffer.started`
   * until `.stopped` or `.cleared`), which outlasts `response.done`.
   */
  readonly playing: boolean;
}

/** Before any event: nobody is talking. */
export const initialAssistantState: AssistantState = {
  phase: 'idle',
  responding: false,
  playing: false,
};

const settle = (state: AssistantState): AssistantState => ({
  ...state,
  phase: state.playing ? 'speaking' : state.responding ? 'thinking' : 'idle',
});

/**
 * The state after one server event. The user's speech wins over everything (the service
 * interrupts the answer); the answer is `speaking` from its first audio or transcript until
 * the response is done, or on WebRTC until the service stopped playing it.
 *
 * @example
 * ```ts
 * socket.pipe(scan(nextAssistantState, initialAssistantState), map((s) => s.phase));
 * ```
 */
export function nextAssistantState(state: AssistantState, event: ServerEvent): AssistantState {
  switch (event.type) {
    case 'input_audio_buffer.speech_started':
      return { ...state, phase: 'listening' };
    case 'input_audio_buffer.speech_stopped':
    case 'input_audio_buffer.committed':
      return state.phase === 'listening' ? { ...state, phase: 'thinking' } : state;
    case 'response.created':
      return state.phase === 'listening'
        ? { ...state, responding: true }
        : { ...state, responding: true, phase: state.playing ? 'speaking' : 'thinking' };
    case 'response.output_audio.delta':
    case 'response.output_audio_transcript.delta':
    case 'response.output_text.delta':
      return state.phase === 'listening' ? state : { ...state, phase: 'speaking' };
    case 'output_audio_buffer.started':
      return {
        ...state,
        playing: true,
        phase: state.phase === 'listening' ? 'listening' : 'speaking',
      };
    case 'output_audio_buffer.stopped':
    case 'output_audio_buffer.cleared':
      return state.phase === 'listening'
        ? { ...state, playing: false }
        : settle({ ...state, playing: false });
    case 'response.done':
      return state.phase === 'listening'
        ? { ...state, responding: false }
        : settle({ ...state, responding: false });
    default:
      return state;
  }
}
