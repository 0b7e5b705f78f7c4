/** The transcript lines as the library's `transcripts()` values arrive. */
import type { Transcript } from 'rx-realtime';
import { addTranscript, type TranscriptLine } from './transcript-lines';

const part = (
  itemId: string,
  role: Transcript['role'],
  text: string,
  final = false,
): Transcript => ({
  itemId,
  contentIndex: 0,
  role,
  text,
  final,
});

const fold = (values: readonly Transcript[]): readonly TranscriptLine[] =>
  values.reduce(addTranscript, [] as readonly TranscriptLine[]);

it('a growing part replaces its line in place; a new part adds a line at the end', () => {
  const lines = fold([
    part('item_user', 'user', 'Hello,'),
    part('item_user', 'user', 'Hello, can you hear me?', true),
    part('item_answer', 'assistant', 'Yes'),
    part('item_answer', 'assistant', 'Yes, I can.', true),
  ]);
  expect(lines).toEqual([
    { key: 'item_user/0', role: 'user', text: 'Hello, can you hear me?', final: true },
    { key: 'item_answer/0', role: 'assistant', text: 'Yes, I can.', final: true },
  ]);
});

it('the user line transcribed after the answer started keeps its own place, and the lines are new arrays', () => {
  const first = fold([part('item_answer', 'assistant', 'Yes')]);
  const second = addTranscript(first, part('item_user', 'user', 'Hi', true));
  const third = addTranscript(second, part('item_answer', 'assistant', 'Yes, hi.', true));
  expect(first).toHaveLength(1);
  expect(second).not.toBe(first);
  expect(third.map((l) => `${l.role}: ${l.text}`)).toEqual(['assistant: Yes, hi.', 'user: Hi']);
});

it('two parts of one item are two lines', () => {
  const lines = fold([
    part('item_1', 'assistant', 'a'),
    { ...part('item_1', 'assistant', 'b'), contentIndex: 1 },
  ]);
  expect(lines.map((l) => l.key)).toEqual(['item_1/0', 'item_1/1']);
});
