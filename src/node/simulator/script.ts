import type { Json, Reply, Script, ScriptContext } from './types.js';

/** What the default script says the user said in an audio turn it cannot hear. */
export const DEFAULT_TRANSCRIPT = 'Hello, can you hear me?';

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Words of a tool name worth matching: `get_weather` -> `weather`. */
function toolWords(name: string): string[] {
  return name
    .split(/[_\-\s]+|(?=[A-Z])/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 3);
}

/** The first capitalised word after "in", "for", "at" or "to", e.g. Paris in "weather in Paris". */
function placeIn(text: string): string | undefined {
  const match = /\b(?:in|for|at|to|of)\s+([A-Z][\p{L}-]*(?:\s+[A-Z][\p{L}-]*)*)/u.exec(text);
  return match?.[1];
}

/** Plausible arguments for a function from its JSON schema and the user's words. */
export function plausibleArguments(tool: Json, userText: string): Json {
  const parameters = isJson(tool.parameters) ? tool.parameters : {};
  const properties = isJson(parameters.properties) ? parameters.properties : {};
  const required = Array.isArray(parameters.required) ? parameters.required : [];
  const args: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(properties)) {
    const s = isJson(schema) ? schema : {};
    const hasEnum = Array.isArray(s.enum) && s.enum.length > 0;
    if (!required.includes(key) && !hasEnum) continue;
    if (hasEnum) args[key] = (s.enum as unknown[])[0];
    else if (s.type === 'number' || s.type === 'integer') args[key] = 1;
    else if (s.type === 'boolean') args[key] = true;
    else if (/location|city|place|country|where/i.test(key))
      args[key] = placeIn(userText) ?? 'San Francisco';
    else args[key] = userText.slice(0, 60) || 'example';
  }
  return args;
}

/**
 * The built-in script:
 * - right after a `function_call_output`, a sentence that mentions the output;
 * - when a declared tool's name, or a word of it ("weather" for `get_weather`), is in the
 *   user's words, a call to it with plausible arguments from its JSON schema;
 * - otherwise a short answer echoing the question.
 * The user's audio turns are "transcribed" as {@link DEFAULT_TRANSCRIPT}.
 *
 * @example
 * ```ts
 * import { defaultScript } from 'rx-realtime/node';
 * defaultScript({ conversation: [], tools: [], lastUserText: 'Hi' }); // { text: 'You said: "Hi". ...' }
 * ```
 */
export const defaultScript: Script = (context: ScriptContext): Reply => {
  const last = context.conversation[context.conversation.length - 1];
  if (last && last.type === 'function_call_output') {
    return {
      text: `Here is what I found: ${String(last.output)}.`,
      transcript: DEFAULT_TRANSCRIPT,
    };
  }
  const said = context.lastUserText;
  if (said === null)
    return { text: 'Hello! How can I help you today?', transcript: DEFAULT_TRANSCRIPT };
  const lower = said.toLowerCase();
  for (const tool of context.tools) {
    const name = typeof tool.name === 'string' ? tool.name : '';
    if (!name) continue;
    if (lower.includes(name.toLowerCase()) || toolWords(name).some((w) => lower.includes(w))) {
      return {
        functionCall: { name, arguments: plausibleArguments(tool, said) },
        transcript: DEFAULT_TRANSCRIPT,
      };
    }
  }
  return {
    text: `You said: "${said}". This is a scripted answer from the simulator.`,
    transcript: DEFAULT_TRANSCRIPT,
  };
};
