import { either } from 'fp-ts';
import type * as t from 'io-ts';
import {
  asyncScheduler,
  buffer,
  catchError,
  concat,
  connect,
  defer,
  filter,
  from,
  isObservable,
  map,
  merge,
  mergeMap,
  of,
  type Observable,
  take,
  throwIfEmpty,
  timeout,
  type SchedulerLike,
} from 'rxjs';
import { accumulateFunctionCalls, type FunctionCall } from '../operators/index.js';
import { isEvent, type ClientEvent, type ServerEvent } from '../protocol/index.js';

/**
 * What a tool handler may return: a value, a Promise of one, or an Observable whose first
 * value is the result.
 *
 * @example
 * ```ts
 * import type { ToolResult } from 'rx-realtime';
 * const result: ToolResult<string> = Promise.resolve('sunny');
 * ```
 */
export type ToolResult<O> = O | PromiseLike<O> | Observable<O>;

/**
 * A function tool the model may call. `codec` decodes the parsed JSON arguments; the handler
 * only ever sees decoded arguments.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import type { Tool } from 'rx-realtime';
 * const getWeather: Tool<{ city: string }> = {
 *   name: 'get_weather',
 *   description: 'Current weather in a city',
 *   parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 *   codec: t.type({ city: t.string }),
 *   handler: ({ city }) => `sunny in ${city}`,
 *   timeoutMs: 5000,
 * };
 * ```
 */
export interface Tool<A = unknown> {
  /** The function name the model calls it by. */
  readonly name: string;
  /** Tells the model what the tool does and when to call it. */
  readonly description: string;
  /** JSON Schema of the arguments, sent to the model. */
  readonly parameters: { readonly [key: string]: unknown };
  /** Decodes the parsed arguments. */
  readonly codec: t.Decoder<unknown, A>;
  /** Runs the tool (method syntax so tools of different argument types fit one list). */
  handler(args: A): ToolResult<unknown>;
  /** Time allowed to the handler, on the loop's scheduler. Default 30 000 ms. */
  readonly timeoutMs?: number;
}

/**
 * Dependencies of {@link toolLoop}.
 *
 * @example
 * ```ts
 * import type { ToolLoopDeps } from 'rx-realtime';
 * const deps: ToolLoopDeps = { tools: [] };
 * ```
 */
export interface ToolLoopDeps {
  /** The tools the loop answers calls for; a call to any other name gets an error output. */
  readonly tools: readonly Tool[];
  /** Scheduler of the handler timeouts. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Checks a tool list (from JavaScript, anything can arrive): every tool needs a non-empty
 * `name`, a `handler` function and a `codec` with `decode`, and names are unique. Throws a
 * `TypeError` naming the tool otherwise, so a mistake shows at creation, not at the first call.
 *
 * @example
 * ```ts
 * import { validateTools } from 'rx-realtime';
 * validateTools([]); // fine
 * ```
 */
export function validateTools(tools: readonly Tool[]): void {
  if (!Array.isArray(tools)) throw new TypeError('tools: expected an array of tools');
  const seen = new Set<string>();
  tools.forEach((tool: Partial<Tool> | null | undefined, i) => {
    const name = typeof tool?.name === 'string' && tool.name !== '' ? tool.name : undefined;
    const label = name ? `tool "${name}"` : `tools[${i}]`;
    if (typeof tool !== 'object' || tool === null)
      throw new TypeError(`${label}: expected an object`);
    if (!name) throw new TypeError(`${label}: missing its name`);
    if (typeof tool.handler !== 'function')
      throw new TypeError(`${label}: missing its handler function`);
    if (typeof tool.codec?.decode !== 'function')
      throw new TypeError(`${label}: missing its codec (an io-ts decoder of the arguments)`);
    if (seen.has(name)) throw new TypeError(`${label}: declared twice`);
    seen.add(name);
  });
}

/** Default handler time limit. */
const DEFAULT_TOOL_TIMEOUT_MS = 30_000;

const describe = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

/** Says in words what was wrong with the arguments, one line per problem. */
function describeValidationErrors(errors: t.Errors): string {
  return errors
    .map((e) => {
      const path = e.context
        .map((c) => c.key)
        .filter((k) => k !== '')
        .join('.');
      const expected = e.context[e.context.length - 1]?.type.name ?? 'a valid value';
      const where = path === '' ? 'the arguments' : `"${path}"`;
      return e.message ?? `${where} should be ${expected}, got ${describe(e.value)}`;
    })
    .join('; ');
}

const errorOutput = (message: string): string => JSON.stringify({ error: message });
const resultOutput = (value: unknown): string =>
  typeof value === 'string' ? value : describe(value);

const toObservable = (result: ToolResult<unknown>): Observable<unknown> =>
  isObservable(result)
    ? result
    : typeof result === 'object' && result !== null && 'then' in result
      ? from(result as PromiseLike<unknown>)
      : of(result);

const reason = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Runs one call to its output string; never errors. */
function runCall(
  call: FunctionCall,
  tools: ReadonlyMap<string, Tool>,
  scheduler: SchedulerLike,
): Observable<string> {
  const tool = tools.get(call.name);
  if (!tool) return of(errorOutput(`Unknown tool "${call.name}".`));
  if (either.isLeft(call.parsed))
    return of(errorOutput(`The arguments of ${call.name} are not valid JSON.`));
  const decoded = tool.codec.decode(call.parsed.right);
  if (either.isLeft(decoded))
    return of(
      errorOutput(
        `Invalid arguments for ${call.name}: ${describeValidationErrors(decoded.left)}. Fix them and call again.`,
      ),
    );
  const limit = tool.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
  return defer(() => toObservable(tool.handler(decoded.right))).pipe(
    take(1),
    throwIfEmpty(() => new Error('it produced no result')),
    timeout({
      first: limit,
      scheduler,
      with: () => {
        throw new Error(`it did not answer within ${limit} ms`);
      },
    }),
    map(resultOutput),
    catchError((err: unknown) => of(errorOutput(`${call.name} failed: ${reason(err)}`))),
  );
}

/**
 * Whether a call should get an output: ready calls, and completed calls whose arguments are
 * not JSON (so the model hears why). Calls of cancelled or incomplete responses are not run.
 */
const answerable = (call: FunctionCall): boolean =>
  call.ready || (call.responseStatus === 'completed' && call.complete);

/**
 * Session unit: the tool loop. For every response that ends with function calls (as
 * `accumulateFunctionCalls` reports them at `response.done`), each ready call is decoded with its
 * tool's codec and run; every call gets a `conversation.item.create` with a
 * `function_call_output` (the result, or a JSON `{ "error": "..." }` explaining a bad argument,
 * an unknown tool, a throw or a timeout), and once all calls of that response have their
 * output, ONE `response.create` follows. Calls of cancelled or incomplete responses are not run.
 *
 * The `response.create` is an ordinary output; `createRealtimeSession` routes it through
 * {@link responseSequencer}. Unsubscribing cancels running handlers.
 *
 * @example
 * ```ts
 * import type { Observable } from 'rxjs';
 * import { toolLoop, type ServerEvent, type Tool } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * declare const getWeather: Tool<{ city: string }>;
 * toolLoop(events$, { tools: [getWeather] }).subscribe((e) => console.log(e.type));
 * ```
 */
export function toolLoop(
  events$: Observable<ServerEvent>,
  deps: ToolLoopDeps,
): Observable<ClientEvent> {
  const scheduler = deps.scheduler ?? asyncScheduler;
  const tools = new Map(deps.tools.map((tool) => [tool.name, tool] as const));
  return events$.pipe(
    connect((shared$) =>
      shared$.pipe(
        accumulateFunctionCalls(),
        // The calls of a response are emitted at its `response.done`; `buffer` subscribes the
        // operator first, so they are in the buffer when that same event closes it.
        buffer(shared$.pipe(filter(isEvent('response.done')))),
      ),
    ),
    mergeMap((calls) => {
      const runnable = calls.filter(answerable);
      if (runnable.length === 0) return [];
      return concat(
        merge(
          ...runnable.map((call) =>
            runCall(call, tools, scheduler).pipe(
              map((output): ClientEvent => ({
                type: 'conversation.item.create',
                item: { type: 'function_call_output', call_id: call.callId, output },
              })),
            ),
          ),
        ),
        of<ClientEvent>({ type: 'response.create' }),
      );
    }),
  );
}
