import type * as t from 'io-ts';
import type { Tool, ToolResult } from './toolLoop.js';
import { jsonSchemaOf, ToolDeclarationError, type JsonSchema } from './toolSchema.js';

/**
 * What {@link tool} takes: the arguments are declared once, by their io-ts codec.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import type { ToolDeclaration } from 'rx-realtime';
 * const Args = t.type({ city: t.string });
 * const declaration: ToolDeclaration<typeof Args> = {
 *   name: 'get_weather',
 *   description: 'Current weather in a city',
 *   args: Args,
 *   handler: ({ city }) => `sunny in ${city}`,
 * };
 * ```
 */
export interface ToolDeclaration<C extends t.Mixed> extends Omit<
  Tool<t.TypeOf<C>>,
  'parameters' | 'codec' | 'handler'
> {
  /** Decodes the arguments; the JSON Schema the model sees is derived from it. */
  readonly args: C;
  /** Runs the tool on decoded arguments. */
  handler(args: t.TypeOf<C>): ToolResult<unknown>;
  /**
   * A hand-written JSON Schema to send instead of the derived one (to add `minimum`, say). It
   * must agree with the codec: same property names, required properties and JSON types.
   */
  readonly parameters?: { readonly [key: string]: unknown };
}

/** The Realtime API's rule for function names. */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A {@link Tool} declared by its argument codec: `parameters` is derived from `args` with
 * {@link jsonSchemaOf}, so the schema the model sees and the decoding the handler relies on
 * cannot drift apart.
 *
 * @throws {@link ToolDeclarationError} when the name breaks the function name rules, the codec
 *   has no JSON Schema (naming the codec and its path), the arguments are not an object, or an
 *   explicit `parameters` disagrees with the codec (saying what differs).
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { described, tool } from 'rx-realtime';
 * const getWeather = tool({
 *   name: 'get_weather',
 *   description: 'Current weather in a city',
 *   args: t.type({ city: described(t.string, 'A city name, e.g. Paris') }),
 *   handler: ({ city }) => ({ city, forecast: 'sunny' }),
 * });
 * getWeather.parameters;
 * // { type: 'object',
 * //   properties: { city: { type: 'string', description: 'A city name, e.g. Paris' } },
 * //   required: ['city'] }
 * ```
 */
export function tool<C extends t.Mixed>(declaration: ToolDeclaration<C>): Tool<t.TypeOf<C>> {
  // The other fields of a Tool (name, description, timeoutMs, ...) are passed on as given.
  const { args, handler, parameters, ...rest } = declaration;
  const { name } = rest;
  if (typeof name !== 'string' || !FUNCTION_NAME.test(name))
    throw new ToolDeclarationError(
      'the name must be 1 to 64 letters, digits, "_" or "-" (the Realtime API function name rules)',
      { tool: String(name) },
    );
  const derived = derivedParameters(name, args);
  if (parameters !== undefined) {
    const differences = schemaDifferences(parameters as JsonSchema, derived, '.args');
    if (differences.length > 0)
      throw new ToolDeclarationError(
        `the parameters disagree with the args codec: ${differences.join('; ')}`,
        { tool: name },
      );
  }
  return {
    ...rest,
    parameters: parameters ?? derived,
    codec: args,
    handler: (decoded: t.TypeOf<C>) => handler.call(declaration, decoded),
  };
}

function derivedParameters(name: string, args: t.Mixed): JsonSchema {
  let schema: JsonSchema;
  try {
    schema = jsonSchemaOf(args);
  } catch (error) {
    if (!(error instanceof ToolDeclarationError)) throw error;
    throw new ToolDeclarationError(error.problem, { tool: name, path: `.args${error.path ?? ''}` });
  }
  if (schema.type !== 'object')
    throw new ToolDeclarationError(
      `cannot express ${args.name} as the arguments: the model sends a JSON object`,
      { tool: name, path: '.args' },
    );
  return schema;
}

/** The JSON types a schema admits, as one sorted word (`integer|null`); `any` when unconstrained. */
function typesOf(schema: JsonSchema): string {
  const words = (types: readonly string[]) => [...new Set(types)].sort().join('|');
  if (schema.type !== undefined) return words([schema.type].flat());
  if (schema.anyOf) {
    const members = schema.anyOf.map(typesOf);
    return members.includes('any') ? 'any' : words(members.flatMap((m) => m.split('|')));
  }
  return schema.allOf?.map(typesOf).find((m) => m !== 'any') ?? 'any';
}

/** How `given` and `derived` differ in property names, required sets and JSON types, by path. */
function schemaDifferences(given: JsonSchema, derived: JsonSchema, path: string): string[] {
  const givenTypes = typesOf(given);
  const derivedTypes = typesOf(derived);
  if (givenTypes !== derivedTypes)
    return [`at ${path} the type is ${givenTypes} in parameters, ${derivedTypes} in args`];
  const differences: string[] = [];
  const givenProps = propertiesOf(given);
  const derivedProps = propertiesOf(derived);
  for (const key of new Set([...Object.keys(givenProps), ...Object.keys(derivedProps)])) {
    const at = `${path}.${key}`;
    if (!(key in derivedProps)) differences.push(`${at} is only in parameters`);
    else if (!(key in givenProps)) differences.push(`${at} is only in args`);
    else differences.push(...schemaDifferences(givenProps[key] ?? {}, derivedProps[key] ?? {}, at));
  }
  const givenRequired = requiredOf(given);
  const derivedRequired = requiredOf(derived);
  for (const key of givenRequired)
    if (!derivedRequired.has(key))
      differences.push(`${path}.${key} is required only in parameters`);
  for (const key of derivedRequired)
    if (!givenRequired.has(key)) differences.push(`${path}.${key} is required only in args`);
  if (given.items !== undefined || derived.items !== undefined)
    differences.push(...schemaDifferences(given.items ?? {}, derived.items ?? {}, `${path}[]`));
  return differences;
}

/** Properties of an object schema, those of merged `allOf` members included. */
function propertiesOf(schema: JsonSchema): { readonly [key: string]: JsonSchema } {
  return Object.assign({}, schema.properties, ...(schema.allOf ?? []).map(propertiesOf));
}

function requiredOf(schema: JsonSchema): ReadonlySet<string> {
  return new Set([
    ...(Array.isArray(schema.required) ? schema.required : []),
    ...(schema.allOf ?? []).flatMap((m) => [...requiredOf(m)]),
  ]);
}
