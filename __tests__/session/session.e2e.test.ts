import * as t from 'io-ts';
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import type { Dialect } from '../../src/protocol/index.js';
import type { Tool } from '../../src/session/index.js';
import { finished, simulatorFixture, textOf } from './e2e.js';

const fixture = simulatorFixture();

async function open(dialect: Dialect, tools: readonly Tool[] = []) {
  const { socket, sent } = await fixture.connect({ pace: 'instant' }, { dialect });
  const errors: unknown[] = [];
  socket.errors$.subscribe((e) => errors.push(e));
  const session = fixture.session(socket, {
    session: { output_modalities: ['text'], instructions: 'Be brief.' },
    tools,
  });
  return { session, sent, errors };
}

describe.each<Dialect>(['ga', 'beta'])(
  'createRealtimeSession over the simulator (%s)',
  (dialect) => {
    it('a text turn: sendText + createResponse gives a completed response with text', async () => {
      const { session: s, errors } = await open(dialect);
      const done = firstValueFrom(s.responses$.pipe(filter(finished)));
      const ready = await s.ready();
      expect(ready.kind).toBe('ready');
      if (ready.kind === 'ready')
        expect(ready.session).toMatchObject({ instructions: 'Be brief.' });
      s.sendText('Hello there');
      s.createResponse();
      const response = await done;
      expect(response.status).toBe('completed');
      expect(textOf(response)).toContain('Hello there');
      const conversation = await firstValueFrom(s.conversation$);
      expect(conversation.items.length).toBeGreaterThanOrEqual(2);
      expect(errors).toEqual([]);
    });

    it('a tool round trip: the model calls get_weather, the session answers, the second response completes', async () => {
      const handler = jest.fn(({ city }: { city: string }) => ({ city, forecast: 'sunny, 21 C' }));
      const getWeather: Tool<{ city: string }> = {
        name: 'get_weather',
        description: 'Current weather in a city',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        },
        codec: t.type({ city: t.string }),
        handler,
      };
      const { session: s, sent, errors } = await open(dialect, [getWeather]);
      const two = firstValueFrom(s.responses$.pipe(filter(finished), take(2), toArray()));
      expect((await s.ready()).kind).toBe('ready');
      s.sendText("What's the weather in Paris?");
      s.createResponse();
      const [first, second] = await two;
      expect(first.status).toBe('completed');
      expect(first.output[0]).toMatchObject({ type: 'function_call', name: 'get_weather' });
      expect(handler).toHaveBeenCalledWith({ city: 'Paris' });
      expect(second.status).toBe('completed');
      expect(textOf(second)).toContain('sunny, 21 C');
      const creates = sent.filter((e) => e.type === 'response.create');
      expect(creates).toHaveLength(2);
      expect(sent).toContainEqual(
        expect.objectContaining({
          type: 'conversation.item.create',
          item: expect.objectContaining({ type: 'function_call_output' }) as unknown,
        }),
      );
      expect(errors).toEqual([]);
    });
  },
);
