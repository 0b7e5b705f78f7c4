import { filter, firstValueFrom, ReplaySubject, take } from 'rxjs';
import { toneAndSilence, type SimulatorPace } from '../../src/node/simulator/index.js';
import type { ResponseSnapshot } from '../../src/operators/index.js';
import {
  isEvent,
  type ClientEventOf,
  type Dialect,
  type ServerEventOf,
} from '../../src/protocol/index.js';
import { ServerError } from '../../src/transport/index.js';
import { finished, simulatorFixture, within } from './e2e.js';

const fixture = simulatorFixture();

/** Speech the simulator's VAD hears as one turn: 100 ms silence, 300 ms tone, 400 ms silence. */
const speech = toneAndSilence([100, 300, 400]);

/** How one turn went, for the app that asked for a response at `speech_stopped`. */
interface Turn {
  /** `conversation_already_has_active_response` errors the socket reported. */
  readonly activeResponseErrors: number;
  /** Whether the server started a response of its own (untagged) before answering the request. */
  readonly serverStarted: boolean;
  /** Whether the confirming `response.created` names a `response.create` this turn sent. */
  readonly confirmedByOwnResponse: boolean;
  /** Whether the confirming `response.created` is the one the server started itself. */
  readonly confirmedByServerStarted: boolean;
}

/**
 * When the app subscribes to the socket: `after` the session did, `before` it (the app then
 * hears `speech_stopped` before the session's units do), or after creating a `lazy` session,
 * which subscribes only at `start()` (so the app is first too, as with an Angular service).
 */
type Order = 'after' | 'before' | 'lazy';

const subscribed: Readonly<Record<Order, string>> = {
  after: 'after the session',
  before: 'before the session',
  lazy: 'to a lazy session before start()',
};

/**
 * One voice turn with server VAD that creates responses, where the app also asks for a response
 * the moment `speech_stopped` arrives. With pace `fast` the server-started response is still
 * streaming when the app's request could reach it.
 */
async function raceOnce(dialect: Dialect, pace: SimulatorPace, order: Order): Promise<Turn> {
  const { socket, sent } = await fixture.connect(
    {
      pace,
      script: ({ lastUserText }) =>
        lastUserText === null
          ? { text: '', transcript: 'Hello there' }
          : { text: 'Hi there, how can I help you today?' },
    },
    { dialect },
  );
  const created: ServerEventOf<'response.created'>[] = [];
  let activeResponseErrors = 0;
  socket.errors$.subscribe((e) => {
    if (e instanceof ServerError && e.code === 'conversation_already_has_active_response')
      activeResponseErrors += 1;
  });
  let confirmation: Promise<ServerEventOf<'response.created'>> | undefined;
  const listen = () => {
    socket.pipe(filter(isEvent('response.created'))).subscribe((e) => created.push(e));
    socket.pipe(filter(isEvent('input_audio_buffer.speech_stopped')), take(1)).subscribe(() => {
      confirmation = firstValueFrom(s.createResponse().pipe(within(5000)));
    });
  };
  if (order === 'before') listen();
  const s = fixture.session(socket, {
    lazy: order === 'lazy',
    session: {
      output_modalities: ['text'],
      audio: {
        input: {
          turn_detection: { type: 'server_vad', silence_duration_ms: 200, create_response: true },
        },
      },
    },
  });
  if (order !== 'before') listen();
  s.start();
  // responses$ is hot, and an instant response is over before its confirmation is read
  const ended = new ReplaySubject<ResponseSnapshot>();
  s.responses$.pipe(filter(finished)).subscribe(ended);
  expect((await s.ready()).kind).toBe('ready');
  const stopped = firstValueFrom(
    socket.pipe(filter(isEvent('input_audio_buffer.speech_stopped')), within(5000)),
  );
  for (let at = 0; at < speech.length; at += 960) s.appendAudio(speech.subarray(at, at + 960));
  await stopped;
  if (!confirmation) throw new Error('the app did not ask for a response at speech_stopped');
  const confirmed = await confirmation;
  await firstValueFrom(
    ended.pipe(
      filter((r) => r.id === confirmed.response.id),
      within(5000),
    ),
  );
  s.close();
  const createIds = sent
    .filter((e): e is ClientEventOf<'response.create'> => e.type === 'response.create')
    .map((e) => e.event_id);
  const byServer = created.find((e) => e.response.metadata?.rx_request === undefined);
  const tag = confirmed.response.metadata?.rx_request;
  return {
    activeResponseErrors,
    serverStarted: byServer !== undefined && created.indexOf(byServer) === 0,
    confirmedByOwnResponse: tag !== undefined && createIds.includes(tag),
    confirmedByServerStarted: confirmed.response.id === byServer?.response.id,
  };
}

/** Sums the turns, so one assertion shows everything that went wrong. */
const tally = (turns: readonly Turn[]) => ({
  turns: turns.length,
  activeResponseErrors: turns.reduce((n, t) => n + t.activeResponseErrors, 0),
  serverStarted: turns.filter((t) => t.serverStarted).length,
  confirmedByOwnResponse: turns.filter((t) => t.confirmedByOwnResponse).length,
  confirmedByServerStarted: turns.filter((t) => t.confirmedByServerStarted).length,
});

const dialects: readonly Dialect[] = ['ga', 'beta'];
// Instant: the server's response is over when the request arrives; fast: it is still streaming.
const paces = [
  { pace: 'instant', runs: 50, orders: ['after', 'before'] },
  { pace: 'fast', runs: 10, orders: ['after', 'before', 'lazy'] },
] as const;
const cases = dialects.flatMap((dialect) =>
  paces.flatMap(({ pace, runs, orders }) =>
    orders.map((order) => ({ dialect, pace, runs, order, when: subscribed[order] })),
  ),
);

describe('server VAD with create_response, and createResponse() at speech_stopped', () => {
  it.each(cases)(
    '$dialect, pace $pace, app subscribed $when: $runs turns without an active-response error, each confirmed by its own response',
    async ({ dialect, pace, runs, order }) => {
      const turns: Turn[] = [];
      for (let run = 0; run < runs; run++) turns.push(await raceOnce(dialect, pace, order));
      expect(tally(turns)).toEqual({
        turns: runs,
        activeResponseErrors: 0,
        serverStarted: runs,
        confirmedByOwnResponse: runs,
        confirmedByServerStarted: 0,
      });
    },
  );
});
