import { filter, firstValueFrom, take, toArray } from 'rxjs';
import type { Script } from '../../src/node/simulator/index.js';
import type { ClientEvent, Dialect, ServerEvent } from '../../src/protocol/index.js';
import { finished, simulatorFixture, textOf, weatherTool, within } from './e2e.js';

const fixture = simulatorFixture();

/** Weather -> a tool call; its output -> "Sunny."; "Still there?" -> the item count; else a long story. */
const script: Script = ({ conversation, lastUserText }) => {
  const last = conversation[conversation.length - 1];
  if (last?.type === 'function_call_output') return { text: 'Sunny.' };
  if (lastUserText?.includes('weather'))
    return { functionCall: { name: 'get_weather', arguments: { city: 'Paris' } } };
  if (lastUserText === 'Still there?') return { text: `Yes, ${conversation.length} items.` };
  return { text: 'Once upon a time there was a very long story that never ended.' };
};

describe.each<Dialect>(['ga', 'beta'])('session recovery over the simulator (%s)', (dialect) => {
  it('after a dropped connection (1006) the earlier items are replayed and the session goes on', async () => {
    // Tool call (3 argument deltas) + "Sunny." (1 delta): the drop is in the story's 2nd word.
    const { socket, sent } = await fixture.connect(
      { pace: 'instant', script, faults: { closeMidResponse: { afterDeltas: 6, code: 1006 } } },
      { dialect, reconnect: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 50, jitter: 0 } },
    );
    const s = fixture.session(socket, {
      session: { output_modalities: ['text'] },
      tools: [weatherTool],
    });
    expect((await s.ready()).kind).toBe('ready');

    const toolTurn = firstValueFrom(
      s.responses$.pipe(filter(finished), take(2), toArray(), within(5000)),
    );
    s.sendText("What's the weather in Paris?");
    s.createResponse();
    const [, sunny] = await toolTurn;
    expect(textOf(sunny)).toBe('Sunny.');

    const recovered = firstValueFrom(s.recovery$.pipe(within(5000)));
    s.sendText('Tell me a story');
    s.createResponse();
    const report = await recovered;
    const before = (await firstValueFrom(s.conversation$)).items;

    const kinds = report.outcomes.map((o) => o.kind);
    expect(kinds.slice(0, 5)).toEqual(['replayed', 'replayed', 'replayed', 'replayed', 'replayed']);
    // The story's message never completed: nothing to replay.
    expect(report.outcomes[5]).toMatchObject({ kind: 'skipped', reason: 'empty' });
    const replayed = report.events.map((e) => e.item.type);
    expect(replayed).toEqual([
      'message',
      'function_call',
      'function_call_output',
      'message',
      'message',
    ]);
    // Sent on the wire after the reconnect, with the original ids.
    const creates = sent.filter(
      (e): e is Extract<ClientEvent, { type: 'conversation.item.create' }> =>
        e.type === 'conversation.item.create',
    );
    expect(creates.slice(-5).map((e) => e.item.id)).toEqual(report.events.map((e) => e.item.id));

    // The new server session knows them: retrieve the function output by id.
    const outputId = report.events[2].item.id ?? '';
    const retrieved = firstValueFrom(
      socket.pipe(
        filter(
          (e: ServerEvent): e is Extract<ServerEvent, { type: 'conversation.item.retrieved' }> =>
            e.type === 'conversation.item.retrieved',
        ),
        within(5000),
      ),
    );
    socket.next({ type: 'conversation.item.retrieve', item_id: outputId });
    expect((await retrieved).item).toMatchObject({
      id: outputId,
      type: 'function_call_output',
      output: JSON.stringify({ city: 'Paris', forecast: 'sunny' }),
    });

    // The sequencer forgot the dropped response: a new turn completes, seeing the replayed items.
    const next = firstValueFrom(s.responses$.pipe(filter(finished), within(5000)));
    s.sendText('Still there?');
    s.createResponse();
    const answer = await next;
    expect(answer.status).toBe('completed');
    expect(textOf(answer)).toBe(`Yes, ${report.events.length + 1} items.`);
    expect(before.length).toBeGreaterThanOrEqual(6);
  }, 15000);
});
