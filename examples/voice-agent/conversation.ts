/**
 * The conversation `npm start` plays: what the user says (recorded speech, see audio/make.sh),
 * and, for the simulator, a script of what its model answers. The simulator cannot recognise
 * speech, so its script is told what each recording says; the real service (`--live`) hears
 * the same recordings and answers in its own words.
 */
import { join } from 'node:path';
import type { Script } from 'rx-realtime/node';

export interface Utterance {
  readonly wav: string;
  readonly text: string;
}

const audio = (file: string) => join(__dirname, 'audio', file);

/** The user asks a question that needs the weather tool... */
export const question: Utterance = {
  wav: audio('question.wav'),
  text: "What's the weather like in Paris today?",
};

/** ...and talks over the second answer. */
export const interruption: Utterance = {
  wav: audio('interruption.wav'),
  text: "Thanks, that's all I needed.",
};

const utterances = [question, interruption];

/**
 * The simulated model: transcribes the n-th user turn as the n-th utterance, answers the
 * question with a spoken preamble and a `get_weather` call, reads out the tool's result at
 * length (so there is something to interrupt), and says goodbye.
 */
export const simulatorScript: Script = ({ conversation }) => {
  const userTurns = conversation.filter((item) => item.role === 'user').length;
  const transcript = utterances[Math.max(0, userTurns - 1)]?.text ?? question.text;
  const last = conversation[conversation.length - 1];
  if (last?.type === 'function_call_output') {
    const weather = JSON.parse(String(last.output)) as Record<string, unknown>;
    return {
      transcript,
      text:
        `Right now in ${String(weather.location)} it is ${String(weather.temperature)} degrees ` +
        `${String(weather.unit)} with ${String(weather.conditions)}. It should stay like that ` +
        'through the afternoon, so take an umbrella if you go out, and a light jacket for the ' +
        'evening, when it will get a little cooler.',
    };
  }
  if (userTurns >= 2) return { transcript, text: "You're welcome. Have a lovely day!" };
  return {
    transcript,
    text: 'Let me check the weather for you.',
    functionCall: { name: 'get_weather', arguments: { location: 'Paris', unit: 'celsius' } },
  };
};
