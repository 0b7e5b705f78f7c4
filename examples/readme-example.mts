// The README example, kept here so `npm test` type-checks it and runs it.

import { filter, share } from 'rxjs';
import { assembleResponses, transcripts } from 'rx-realtime';
import { realtimeSocket, startSimulator } from 'rx-realtime/node';

const simulator = await startSimulator(); // or leave `url` out to reach api.openai.com
const socket = realtimeSocket({ url: simulator.url, apiKey: process.env.OPENAI_API_KEY ?? 'sim' });
const events$ = socket.pipe(share()); // decoded, canonical (GA) server events

events$
  .pipe(
    transcripts(),
    filter((t) => t.final),
  )
  .subscribe((t) => console.log(`${t.role}: ${t.text}`));
events$
  .pipe(
    assembleResponses(),
    filter((r) => r.status !== 'in_progress'),
  )
  .subscribe((r) => {
    console.log(`response ${r.status}, ${r.usage?.total_tokens} tokens`);
    socket.close();
    void simulator.close();
  });
socket.errors$.subscribe((e) => console.error(e.message)); // bad frames, server errors: values

socket.next({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } });
socket.next({
  type: 'conversation.item.create',
  item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello!' }] },
});
socket.next({ type: 'response.create' });
