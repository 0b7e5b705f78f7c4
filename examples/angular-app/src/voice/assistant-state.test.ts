/** The phases the page shows for the event sequences of a turn, over WebSocket and WebRTC. */
import type { ServerEvent } from 'rx-realtime';
import { serverEvent } from 'rx-realtime/testing';
import { initialAssistantState, nextAssistantState, type AssistantState } from './assistant-state';

/** The phase after each event, as the service's `scan` produces them. */
function phases(events: readonly ServerEvent[]): string[] {
  let state: AssistantState = initialAssistantState;
  return events.map((event) => (state = nextAssistantState(state, event)).phase);
}

const speechStarted = serverEvent('input_audio_buffer.speech_started');
const speechStopped = serverEvent('input_audio_buffer.speech_stopped');
const committed = serverEvent('input_audio_buffer.committed');
const created = serverEvent('response.created');
const audio = serverEvent('response.output_audio.delta');
const words = serverEvent('response.output_audio_transcript.delta');
const done = serverEvent('response.done');
const playing = serverEvent('output_audio_buffer.started');
const stopped = serverEvent('output_audio_buffer.stopped');
const cleared = serverEvent('output_audio_buffer.cleared');

it('a WebSocket turn: listening while the user speaks, thinking, speaking with the first audio, idle at the end', () => {
  expect(phases([speechStarted, speechStopped, committed, created, words, audio, done])).toEqual([
    'listening',
    'thinking',
    'thinking',
    'thinking',
    'speaking',
    'speaking',
    'idle',
  ]);
});

it('a WebRTC turn: still speaking after response.done until the service stopped playing', () => {
  expect(phases([speechStarted, speechStopped, created, playing, words, done, stopped])).toEqual([
    'listening',
    'thinking',
    'thinking',
    'speaking',
    'speaking',
    'speaking',
    'idle',
  ]);
});

it('a barge-in: the user speaking wins over the answer, and its end does not hide the new turn', () => {
  expect(
    phases([created, audio, speechStarted, cleared, done, speechStopped, created, audio, done]),
  ).toEqual([
    'thinking',
    'speaking',
    'listening',
    'listening',
    'listening',
    'thinking',
    'thinking',
    'speaking',
    'idle',
  ]);
});

it('a response of the server while audio still plays stays speaking, then settles on what is left', () => {
  expect(phases([playing, created, done, stopped])).toEqual([
    'speaking',
    'speaking',
    'speaking',
    'idle',
  ]);
  expect(phases([created, playing, stopped, done])).toEqual([
    'thinking',
    'speaking',
    'thinking',
    'idle',
  ]);
});

it('other events leave the state as it is', () => {
  const before = nextAssistantState(initialAssistantState, created);
  expect(nextAssistantState(before, serverEvent('session.updated'))).toBe(before);
  expect(nextAssistantState(before, serverEvent('rate_limits.updated'))).toBe(before);
});
