/**
 * The `get_weather` tool the examples declare. The codec is the one declaration: the JSON
 * Schema the model sees is derived from it, and arguments that do not decode never reach the
 * handler (the model gets an error output in words instead: `"location" should be string, got 42`).
 */
import * as t from 'io-ts';
import { described, tool, type Tool } from 'rx-realtime';

const WeatherArgs = t.intersection([
  t.type({ location: described(t.string, 'City and country, e.g. Paris, France') }),
  t.partial({
    unit: described(t.keyof({ celsius: null, fahrenheit: null }), 'Celsius when omitted'),
  }),
]);

/** What the tool answers. */
export interface Weather {
  readonly location: string;
  readonly temperature: number;
  readonly unit: 'celsius' | 'fahrenheit';
  readonly conditions: string;
}

/**
 * `get_weather`; `onResult` sees each answer (to print it, say). A real app would ask a
 * weather service: the handler may as well return a Promise or an Observable.
 */
export function weatherTool(
  onResult: (weather: Weather) => void = () => undefined,
): Tool<t.TypeOf<typeof WeatherArgs>> {
  return tool({
    name: 'get_weather',
    description: 'Get the current weather for a location.',
    args: WeatherArgs,
    handler({ location, unit = 'celsius' }) {
      const weather: Weather = {
        location,
        temperature: unit === 'celsius' ? 18 : 64,
        unit,
        conditions: 'light rain',
      };
      onResult(weather);
      return weather;
    },
  });
}
