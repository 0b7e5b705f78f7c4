/**
 * A text chat in the terminal: each line you type becomes a user message, and the assistant's
 * answer streams to stdout as its text deltas arrive. `/quit` or end of input (Ctrl-D) ends it.
 *
 *   npx tsx examples/text-chat/main.ts                 # against the embedded simulator
 *   OPENAI_API_KEY=sk-... npx tsx examples/text-chat/main.ts \
 *     --url 'wss://api.openai.com/v1/realtime?model=gpt-realtime'
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { filter, firstValueFrom } from 'rxjs';
import { createRealtimeSession, isEvent } from 'rx-realtime';
import { connect, connectionOptions, runMain } from '../shared/connect.js';

const { values: args } = parseArgs({
  options: connectionOptions, // --live / --url: a real deployment; otherwise the simulator
});

async function main(): Promise<void> {
  const connection = await connect(args);
  const socket = connection.socket;
  // Bad frames and server errors are values on errors$, never exceptions.
  socket.errors$.subscribe((error) => console.error(`! ${error.message}`));

  // The session sends the session.update (text only) and sequences the response requests.
  const session = createRealtimeSession(socket, {
    session: { instructions: 'You are a concise assistant.', output_modalities: ['text'] },
  });
  const ready = await session.ready();
  if (ready.kind !== 'ready') throw new Error(`no session: ${ready.kind}`);

  // Stream the answer: every text delta goes to stdout as soon as it arrives. All subscribers
  // of a socket share its one connection.
  socket
    .pipe(filter(isEvent('response.output_text.delta')))
    .subscribe((e) => process.stdout.write(e.delta));

  const terminal = process.stdin.isTTY === true;
  const input = createInterface({ input: process.stdin, output: process.stdout, terminal });
  input.setPrompt(terminal ? 'you> ' : '');
  input.prompt();
  for await (const line of input) {
    const text = line.trim();
    if (text === '/quit') break;
    if (text === '') {
      input.prompt();
      continue;
    }
    if (!terminal) process.stdout.write(`you> ${text}\n`); // piped input is not echoed
    // responses$ is hot: subscribe before asking, then wait for the answer to end.
    const answered = firstValueFrom(
      session.responses$.pipe(filter((r) => r.status !== 'in_progress')),
    );
    session.sendText(text);
    session.createResponse();
    process.stdout.write('assistant> ');
    const response = await answered;
    process.stdout.write(response.status === 'completed' ? '\n' : ` [${response.status}]\n`);
    input.prompt();
  }

  input.close();
  session.close(); // unsubscribes every unit and closes the socket
  await connection.close();
}

runMain(main);
