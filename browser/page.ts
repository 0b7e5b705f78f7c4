/**
 * The browser page of `npm run test:browser`: the core entry talking to a Realtime server with
 * the browser's own WebSocket. The key travels as the `openai-insecure-api-key.<key>`
 * subprotocol, the only place a browser can put it.
 *
 * Query string: `url` (the simulator), `key` (an ephemeral `ek_` key), `question`. The result
 * goes to `window.rxRealtimeResult`, the DOM and the console.
 */
import { filter, firstValueFrom } from 'rxjs';
import {
  assembleResponses,
  realtimeSocket,
  TransportError,
  type RealtimeSocketOptions,
  type ResponseSnapshot,
} from 'rx-realtime';
import type { PageResult } from './result.js';

/** The text of every assistant message part (text, or the transcript of audio), joined. */
function textOf(response: ResponseSnapshot): string {
  return response.output
    .flatMap((item) =>
      item.type === 'message'
        ? item.content.map((part) => (part.type === 'text' ? part.text : part.transcript))
        : [],
    )
    .join('');
}

/** One text turn: configure the session, say something, and wait for the finished response. */
async function ask(url: string, apiKey: string, question: string): Promise<ResponseSnapshot> {
  const socket = realtimeSocket({ url, apiKey });
  // Subscribing opens the connection; the events below are queued until it is open.
  const finished = firstValueFrom(
    socket.pipe(
      assembleResponses(),
      filter((response) => response.status !== 'in_progress'),
    ),
  );
  socket.next({
    type: 'session.update',
    session: { type: 'realtime', output_modalities: ['text'] },
  });
  socket.next({
    type: 'conversation.item.create',
    item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: question }] },
  });
  socket.next({ type: 'response.create' });
  try {
    return await finished;
  } finally {
    socket.close();
  }
}

/** How a connection with these options ends: `accepted` or the `TransportError` reason. */
async function outcomeOf(options: RealtimeSocketOptions): Promise<string> {
  try {
    await firstValueFrom(realtimeSocket(options)); // the first event is session.created
    return 'accepted';
  } catch (error) {
    return error instanceof TransportError ? error.reason : String(error);
  }
}

async function main(): Promise<PageResult> {
  const params = new URLSearchParams(location.search);
  const url = params.get('url') ?? '';
  const key = params.get('key') ?? '';
  const question = params.get('question') ?? 'Hello from the browser';
  const started = performance.now();
  let response: PageResult['response'];
  let error: string | undefined;
  try {
    const snapshot = await ask(url, key, question);
    response = { status: snapshot.status, text: textOf(snapshot) };
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const elapsedMs = Math.round(performance.now() - started);
  // A browser cannot read the 401 of a refused upgrade: it sees close 1006, a failed connection.
  const wrongKey = await outcomeOf({ url, apiKey: `${key}-wrong` });
  const standardKey = await outcomeOf({ url, apiKey: 'sk-standard-key-never-in-a-browser' });
  return { response, error, wrongKey, standardKey, elapsedMs };
}

void main().then((result) => {
  window.rxRealtimeResult = result;
  const ok = result.response?.status === 'completed';
  (document.getElementById('status') as HTMLOutputElement).value = ok ? 'done' : 'failed';
  (document.getElementById('result') as HTMLPreElement).textContent = JSON.stringify(
    result,
    null,
    2,
  );
  console.log(`rx-realtime browser result: ${JSON.stringify(result)}`);
});
