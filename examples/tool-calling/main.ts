/**
 * Function calling with the session's tool loop. Two tools are declared with `tool()`, each by
 * the io-ts codec of its arguments (the JSON Schema the model sees is derived from it):
 * `get_weather`, and `get_local_time`, which throws to show what the model receives then. The session declares them in its `session.update`, runs each call
 * the model makes, sends the output and asks for the next response; this script only prints.
 *
 *   npx tsx examples/tool-calling/main.ts              # against the embedded simulator
 *   OPENAI_API_KEY=sk-... npx tsx examples/tool-calling/main.ts \
 *     --url 'wss://api.openai.com/v1/realtime?model=gpt-realtime'
 */
import * as t from 'io-ts';
import { parseArgs } from 'node:util';
import { filter, firstValueFrom } from 'rxjs';
import { createRealtimeSession, isEvent, tool } from 'rx-realtime';
import { connect, connectionOptions, runMain } from '../shared/connect.js';
import { weatherTool } from '../shared/weather-tool.js';

const { values: args } = parseArgs({
  options: connectionOptions, // --live / --url: a real deployment; otherwise the simulator
});

// get_weather (../shared/weather-tool.ts): declared by `tool()` from its io-ts codec, which
// also gives the JSON Schema the model sees.
const getWeather = weatherTool();

const getLocalTime = tool({
  name: 'get_local_time',
  description: 'Get the local time in a city.',
  args: t.type({ city: t.string }),
  // A throw becomes the output {"error": "..."}: the model is never left waiting.
  handler: ({ city }) => {
    throw new Error(`the clock service does not know ${city}`);
  },
});

const questions = ["What's the weather in Paris?", 'What time is it in Tokyo?'];

async function main(): Promise<void> {
  const connection = await connect(args);
  const socket = connection.socket;
  socket.errors$.subscribe((error) => console.error(`! ${error.message}`));

  const session = createRealtimeSession(socket, {
    session: { instructions: 'Use the tools to answer.', output_modalities: ['text'] },
    tools: [getWeather, getLocalTime],
  });
  const ready = await session.ready();
  if (ready.kind !== 'ready') throw new Error(`no session: ${ready.kind}`);

  // The server echoes every item added to the conversation: the model's calls and the outputs
  // the tool loop sent.
  socket.pipe(filter(isEvent('conversation.item.done'))).subscribe(({ item }) => {
    if (item.type === 'function_call') console.log(`call    ${item.name}(${item.arguments})`);
    if (item.type === 'function_call_output') console.log(`output  ${item.output}`);
  });

  for (const question of questions) {
    console.log(`user    ${question}`);
    // The turn ends with the first completed response that speaks, after the tool round trip.
    const answered = firstValueFrom(
      session.responses$.pipe(
        filter((r) => r.status === 'completed' && r.output.some((i) => i.type === 'message')),
      ),
    );
    session.sendText(question);
    session.createResponse();
    const answer = await answered;
    for (const item of answer.output) {
      if (item.type !== 'message') continue;
      const words = item.content.map((c) => (c.type === 'text' ? c.text : c.transcript));
      console.log(`answer  ${words.join(' ')}`);
    }
  }

  session.close();
  await connection.close();
}

runMain(main);
