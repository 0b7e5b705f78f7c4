/**
 * The service against the in-process simulator: what components would see during one turn,
 * and that ngOnDestroy leaves nothing running.
 */
import { filter, firstValueFrom, type Observable } from 'rxjs';
import { realtimeSocket, startSimulator, type RunningSimulator } from 'rx-realtime/node';
import { RealtimeVoiceService } from './realtime-voice.service';

let simulator: RunningSimulator;
let voice: RealtimeVoiceService;
beforeEach(async () => {
  simulator = await startSimulator({ pace: 'instant' });
  voice = new RealtimeVoiceService({
    socket: { url: simulator.url, apiKey: 'sk-test' },
    session: { output_modalities: ['audio'] },
    createSocket: realtimeSocket,
  });
});
afterEach(async () => {
  voice.ngOnDestroy();
  await simulator.close();
});

/** Subscribes like an async pipe and remembers what arrived and whether it completed. */
function watch<T>(stream$: Observable<T>): { values: T[]; completed: boolean } {
  const seen = { values: [] as T[], completed: false };
  stream$.subscribe({ next: (v) => seen.values.push(v), complete: () => (seen.completed = true) });
  return seen;
}

const answer = 'You said: "Hello there". This is a scripted answer from the simulator.';

it('a turn: the conversation ends with the answer, and ngOnDestroy completes every stream', async () => {
  const connection = watch(voice.connection$);
  const conversation = watch(voice.conversation$);
  const speaking = watch(voice.assistantSpeaking$);
  const transcript = watch(voice.currentTranscript$);
  const errors = watch(voice.errors$);
  expect(conversation.values).toEqual([[]]); // before connect(): an empty chat

  expect((await voice.connect()).kind).toBe('ready');
  const answered = firstValueFrom(
    voice.conversation$.pipe(
      filter((lines) => lines.some((l) => l.role === 'assistant' && l.done)),
    ),
  );
  voice.say('Hello there');
  const lines = await answered;

  expect(lines.map(({ role, text, done }) => ({ role, text, done }))).toEqual([
    { role: 'user', text: 'Hello there', done: true },
    { role: 'assistant', text: answer, done: true },
  ]);
  // The caption streamed the answer word by word, and was cleared at its end.
  expect(transcript.values).toContain(answer);
  expect(transcript.values.length).toBeGreaterThan(3);
  expect(transcript.values.at(-1)).toBe('');
  expect(speaking.values).toEqual([false, true, false]);
  expect(connection.values.map((s) => s.kind)).toEqual(['idle', 'connecting', 'open']);
  expect(errors.values).toEqual([]);

  voice.ngOnDestroy();
  expect(connection.values.at(-1)).toMatchObject({ kind: 'closed', wasClean: true });
  for (const stream of [connection, conversation, speaking, transcript, errors])
    expect(stream.completed).toBe(true);
  // A component created after the shutdown gets the last state and completes at once.
  const late = watch(voice.connection$);
  expect(late).toEqual({ values: [expect.objectContaining({ kind: 'closed' })], completed: true });
  expect(() => voice.say('anyone?')).toThrow('connect() first');
});

it('several components share one subscription and get the latest value on arrival', async () => {
  const first = watch(voice.conversation$);
  expect((await voice.connect()).kind).toBe('ready');
  const answered = firstValueFrom(
    voice.conversation$.pipe(
      filter((lines) => lines.some((l) => l.role === 'assistant' && l.done)),
    ),
  );
  voice.say('Hello there');
  await answered;
  const second = watch(voice.conversation$); // a component shown later
  expect(second.values).toHaveLength(1);
  expect(second.values[0]).toEqual(first.values.at(-1));
  expect(second.values[0].at(-1)).toMatchObject({ role: 'assistant', text: answer });
});
