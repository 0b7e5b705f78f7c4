import * as t from 'io-ts';
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import type { Script } from '../../src/node/simulator/index.js';
import type { Dialect } from '../../src/protocol/index.js';
import type { Tool, ToolCallUpdate } from '../../src/session/index.js';
import { finished, simulatorFixture, textOf, within } from './e2e.js';

const fixture = simulatorFixture();

/** Weather -> a call; the interim output -> "One moment."; the late result -> what it says. */
const script: Script = ({ conversation }) => {
  const last = conversation[conversation.length - 1];
  if (last?.type === 'function_call_output') return { text: 'One moment.' };
  if (last?.type === 'message' && last.role === 'system') return { text: 'It is sunny in Paris.' };
  return { functionCall: { name: 'get_weather', arguments: { city: 'Paris' } } };
};

const slowWeather: Tool<{ city: string }> = {
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  codec: t.type({ city: t.string }),
  handler: ({ city }) =>
    new Promise((resolve) => setTimeout(() => resolve({ city, forecast: 'sunny' }), 300)),
  whileWorking: { afterMs: 50, message: 'Looking it up.' },
};

describe.each<Dialect>(['ga', 'beta'])('a slow tool over the simulator (%s)', (dialect) => {
  it('the model speaks while the tool works, then answers with its result', async () => {
    const { socket, sent } = await fixture.connect({ pace: 'instant', script }, { dialect });
    const s = fixture.session(socket, {
      session: { output_modalities: ['text'] },
      tools: [slowWeather],
    });
    const updates: ToolCallUpdate[] = [];
    s.toolCalls$.subscribe((u) => updates.push(u));
    const answers = firstValueFrom(
      s.responses$.pipe(filter(finished), take(3), toArray(), within(5000)),
    );
    s.sendMessage("What's the weather in Paris?");
    const [call, interim, result] = await answers;
    expect(call.output[0]?.type).toBe('function_call');
    expect(textOf(interim)).toBe('One moment.');
    expect(textOf(result)).toBe('It is sunny in Paris.');
    expect(updates.map((u) => u.kind)).toEqual(['started', 'completed']);
    const items = sent.flatMap((e) => (e.type === 'conversation.item.create' ? [e.item] : []));
    expect(items.map((i) => (i.type === 'message' ? `message:${i.role}` : i.type))).toEqual([
      'message:user',
      'function_call_output',
      'message:system',
    ]);
    expect(items[1]).toMatchObject({
      output: JSON.stringify({ status: 'in_progress', message: 'Looking it up.' }),
    });
  }, 10000);
});
