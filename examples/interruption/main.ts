/**
 * Barge-in: the user talks over the assistant. A simulated player "plays" the assistant's audio
 * in real time and reports how far it got; when the server's VAD hears the user, the session
 * (its `interruption` option) tells the server how much of the answer was actually heard with
 * `conversation.item.truncate`, and the server confirms with `conversation.item.truncated`.
 *
 *   npx tsx examples/interruption/main.ts              # against the embedded simulator
 *   OPENAI_API_KEY=sk-... npx tsx examples/interruption/main.ts \
 *     --url 'wss://api.openai.com/v1/realtime?model=gpt-realtime'
 */
import { parseArgs } from 'node:util';
import { filter, firstValueFrom, throwError, timeout } from 'rxjs';
import { createRealtimeSession, isEvent, msToBytes, pacedChunks } from 'rx-realtime';
import { synthesizeSpeech } from 'rx-realtime/node';
import { connect, connectionOptions, runMain } from '../shared/connect.js';
import { simulatedPlayer } from '../shared/player.js';

const { values: args } = parseArgs({
  options: connectionOptions, // --live / --url: a real deployment; otherwise the simulator
});

const started = Date.now();
const log = (what: string): void =>
  console.log(`${((Date.now() - started) / 1000).toFixed(2).padStart(5)}s  ${what}`);

async function main(): Promise<void> {
  // 'realtime' pace: audio arrives at the speed it plays, so the answer is still going on.
  const connection = await connect(args, { pace: 'realtime' });
  const socket = connection.socket;
  socket.errors$.subscribe((error) => log(`! ${error.message}`));

  // The player plays the assistant's audio deltas as they arrive, and goes quiet (dropping the
  // rest of the answer) the moment the server hears the user.
  const player = simulatedPlayer(socket);

  const session = createRealtimeSession(socket, {
    session: {
      output_modalities: ['audio'],
      audio: { input: { turn_detection: { type: 'server_vad', silence_duration_ms: 200 } } },
    },
    // What was heard is what the player played, not what arrived.
    interruption: { playback$: player.playback$ },
  });
  const ready = await session.ready();
  if (ready.kind !== 'ready') throw new Error(`no session: ${ready.kind}`);

  session.interrupted$.subscribe((cut) => {
    log(`interrupted: the user spoke over ${cut.itemId}`);
    for (const command of cut.commands) {
      if (command.type !== 'conversation.item.truncate') continue;
      const received = Math.round(player.receivedMs(command.item_id));
      log(
        `sent conversation.item.truncate audio_end_ms=${command.audio_end_ms}: played ${command.audio_end_ms} ms of the ${received} ms received`,
      );
    }
  });
  // The server cancels the response itself when its VAD hears the user (interrupt_response).
  session.responses$
    .pipe(filter((r) => r.status !== 'in_progress'))
    .subscribe((r) => log(`response ${r.status} (${r.statusDetails?.reason ?? 'finished'})`));
  const truncated = firstValueFrom(
    socket.pipe(
      filter(isEvent('conversation.item.truncated')),
      timeout({
        first: 15_000,
        with: () => throwError(() => new Error('no truncation within 15 s')),
      }),
    ),
  );

  const playing = firstValueFrom(player.playback$.pipe(filter((p) => p.playedMs > 0)));
  session.sendText('Tell me a story about a lighthouse keeper.');
  session.createResponse();
  log(`assistant speaking (${(await playing).itemId})`);

  // The microphone streams 20 ms chunks in real time: a second of silence while the user
  // listens, then 600 ms of speech the server's VAD hears, then silence again.
  const silence = (ms: number) => Buffer.alloc(msToBytes(ms, 'pcm16'));
  const microphone = Buffer.concat([silence(1000), synthesizeSpeech(600), silence(600)]);
  const streaming = pacedChunks(microphone, { chunkMs: 20 }).subscribe((audio) =>
    session.appendAudio(audio),
  );

  const confirmed = await truncated;
  log(`received conversation.item.truncated audio_end_ms=${confirmed.audio_end_ms}`);

  streaming.unsubscribe();
  player.dispose();
  session.close();
  await connection.close();
}

runMain(main);
