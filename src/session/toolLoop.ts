import type * as t from 'io-ts';
import {
  asyncScheduler,
  buffer,
  connect,
  filter,
  map,
  merge,
  mergeMap,
  type Observable,
  reduce,
  take,
  type SchedulerLike,
} from 'rxjs';
import { accumulateFunctionCalls, type FunctionCall } from '../operators/index.js';
import { isEvent, type ClientEvent, type ServerEvent } from '../protocol/index.js';
import { runToolCall, type ToolRunSignal, type ToolSignal } from './toolRun.js';

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
  /**
   * For slow tools: when the handler has not answered after `afterMs`, the model gets an interim
   * `function_call_output` (`{"status":"in_progress","message":...}`) and may speak meanwhile;
   * the real result follows as a system message and one more response. Default off.
   */
  readonly whileWorking?: {
    /** How long to wait for the handler before the interim output. */
    readonly afterMs: number;
    /** What the interim output says. Default: "<name> is still working; the result will follow." */
    readonly message?: string;
  };
  /**
   * Whether the user starting to speak cancels a running call (unsubscribes the handler; no
   * output is sent, `toolCalls$` reports `failed` with `cancelled`). Default `true`.
   */
  readonly cancelWhenInterrupted?: boolean;
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
  return toolRuns(events$, deps).pipe(
    filter((s): s is Extract<ToolSignal, { kind: 'command' }> => s.kind === 'command'),
    map((s) => s.event),
  );
}

/**
 * The event types {@link toolRuns} reads: those of `accumulateFunctionCalls` (with the
 * `finishCutResponses` inside it) and the interruption that cancels a run (the session routes
 * only these to it).
 */
export const toolLoopEvents = [
  'response.created',
  'response.output_item.added',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'response.output_item.done',
  'response.done',
  'input_audio_buffer.speech_started',
  'local.connection_lost',
] as const;

/**
 * The tool loop with its progress: what {@link toolLoop} sends (`command` signals), one
 * {@link ToolCallUpdate} per step of every call (`update`), and per call the moment it got its
 * answer (`answered`). `createRealtimeSession` runs it once and publishes the updates as
 * `toolCalls$`.
 *
 * @example
 * ```ts
 * import { filter, type Observable } from 'rxjs';
 * import { toolRuns, type ServerEvent, type Tool } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * declare const getWeather: Tool<{ city: string }>;
 * toolRuns(events$, { tools: [getWeather] })
 *   .pipe(filter((s) => s.kind === 'update'))
 *   .subscribe((s) => console.log(s));
 * ```
 */
export function toolRuns(
  events$: Observable<ServerEvent>,
  deps: ToolLoopDeps,
): Observable<ToolSignal> {
  const scheduler = deps.scheduler ?? asyncScheduler;
  const tools = new Map(deps.tools.map((tool) => [tool.name, tool] as const));
  return events$.pipe(
    connect((shared$) => {
      const context = {
        tools,
        scheduler,
        interrupted$: shared$.pipe(filter(isEvent('input_audio_buffer.speech_started'))),
      };
      return shared$.pipe(
        accumulateFunctionCalls(),
        // The calls of a response are emitted at its `response.done`; `buffer` subscribes the
        // operator first, so they are in the buffer when that same event closes it.
        buffer(shared$.pipe(filter(isEvent('response.done')))),
        mergeMap((calls) => {
          const runnable = calls.filter(answerable);
          if (runnable.length === 0) return [];
          // One response.create once every call has its (first) output; none when all were
          // cancelled (the user is speaking: a new turn follows anyway).
          return merge(...runnable.map((call) => runToolCall(call, context))).pipe(
            connect((signals$) =>
              merge(
                signals$.pipe(filter((s): s is ToolSignal => s.kind !== 'answered')),
                signals$.pipe(
                  filter(
                    (s): s is Extract<ToolRunSignal, { kind: 'answered' }> => s.kind === 'answered',
                  ),
                  take(runnable.length),
                  reduce((any, s) => any || s.withOutput, false),
                  filter(Boolean),
                  map((): ToolSignal => ({ kind: 'command', event: { type: 'response.create' } })),
                ),
              ),
            ),
          );
        }),
      );
    }),
  );
}
