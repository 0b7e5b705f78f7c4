/**
 * Runs `RealtimeVoiceService` the way an Angular app would, without Angular: two "components"
 * subscribe to its streams (as their `async` pipes would), the user says something, and each
 * component prints what it would render. Talks to the embedded simulator.
 *
 *   npx tsx examples/angular-service/main.ts ["What can you do?"]
 */
import { filter, firstValueFrom, type Subscription } from 'rxjs';
import { realtimeSocket, startSimulator } from 'rx-realtime/node';
import { RealtimeVoiceService, type ChatLine } from './realtime-voice.service';

const render = (component: string, what: string): void => {
  process.stdout.write(`[${component}] ${what}\n`);
};

/** A chat list: renders each line once it is complete. */
function chatListComponent(voice: RealtimeVoiceService): Subscription {
  const shown = new Set<string>();
  return voice.conversation$.subscribe({
    next: (lines) =>
      lines
        .filter((line) => line.done && !shown.has(line.id))
        .forEach((line) => {
          shown.add(line.id);
          render('chat', `${line.role}: ${line.text}`);
        }),
    complete: () => render('chat', 'streams completed'),
  });
}

/** A status bar: connection state, whether the assistant is answering, errors. */
function statusBarComponent(voice: RealtimeVoiceService): Subscription {
  const subscription = voice.connection$.subscribe({
    next: (state) => render('status', `connection ${state.kind}`),
    complete: () => render('status', 'streams completed'),
  });
  subscription.add(
    voice.assistantSpeaking$.subscribe((speaking) =>
      render('status', speaking ? 'assistant answering…' : 'assistant idle'),
    ),
  );
  subscription.add(voice.errors$.subscribe((error) => render('status', `! ${error.message}`)));
  return subscription;
}

async function main(): Promise<void> {
  const question = process.argv[2] ?? 'What can you do?';
  const simulator = await startSimulator({ pace: 'fast' });
  // In an Angular app the injector builds the service from the config token.
  const voice = new RealtimeVoiceService({
    socket: { url: simulator.url, apiKey: 'sk-simulator' },
    session: { instructions: 'You are a friendly voice assistant.', output_modalities: ['audio'] },
    createSocket: realtimeSocket, // the Node socket (ws); browsers use the default
  });
  const components = [chatListComponent(voice), statusBarComponent(voice)];

  const ready = await voice.connect();
  if (ready.kind !== 'ready') throw new Error(`no session: ${ready.kind}`);
  const answered = firstValueFrom(
    voice.conversation$.pipe(filter((lines) => lines.some(isFinishedAnswer))),
  );
  render('user', question);
  voice.say(question);
  await answered;

  // The app shuts down: the service completes every stream and closes the socket.
  voice.ngOnDestroy();
  components.forEach((component) => component.unsubscribe());
  await simulator.close();
}

const isFinishedAnswer = (line: ChatLine): boolean =>
  line.role === 'assistant' && line.done && line.text !== '';

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
