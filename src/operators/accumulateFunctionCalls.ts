import { either } from 'fp-ts';
import { defer, type OperatorFunction } from 'rxjs';
import type { ServerEvent } from '../protocol/index.js';
import { finishCutResponses } from './finishCutResponses.js';
import { emitEach } from './internal.js';
import type { ResponseStatus } from './assembleResponses.js';

/**
 * The arguments of a function call are not valid JSON.
 *
 * @example
 * ```ts
 * import { ToolArgumentsError } from 'rx-realtime';
 * const err = new ToolArgumentsError('{"city":', new SyntaxError('Unexpected end of JSON input'));
 * err.name; // 'ToolArgumentsError'
 * ```
 */
export class ToolArgumentsError extends Error {
  /** The raw arguments string that failed to parse. */
  readonly arguments: string;
  /** What `JSON.parse` threw. */
  override readonly cause: unknown;

  /** @param args - the arguments string; @param cause - what `JSON.parse` threw. */
  constructor(args: string, cause: unknown) {
    super(
      `function call arguments are not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'ToolArgumentsError';
    this.arguments = args;
    this.cause = cause;
  }
}

/**
 * A function call requested by the model, as accumulated by {@link accumulateFunctionCalls}.
 *
 * @example
 * ```ts
 * import { either } from 'fp-ts';
 * import type { FunctionCall } from 'rx-realtime';
 * declare const call: FunctionCall;
 * if (call.ready && either.isRight(call.parsed)) console.log(call.name, call.parsed.right);
 * ```
 */
export interface FunctionCall {
  /** The `call_id` to echo in the `function_call_output` item that answers this call. */
  readonly callId: string;
  /** The function the model wants called. */
  readonly name: string;
  /** The id of the `function_call` conversation item. */
  readonly itemId: string;
  /** The response that produced the call. */
  readonly responseId: string;
  /** The JSON arguments string (the `.done` value when there was one). */
  readonly arguments: string;
  /** `arguments` parsed with `JSON.parse`. */
  readonly parsed: either.Either<ToolArgumentsError, unknown>;
  /**
   * True only when the arguments are complete, the response completed and the arguments
   * parsed: the call may be executed.
   */
  readonly ready: boolean;
  /** Whether the arguments were closed by `.done` or `output_item.done`. */
  readonly complete: boolean;
  /** Status of the response, once `response.done` arrived (absent on progress values). */
  readonly responseStatus?: ResponseStatus;
}

/**
 * Options of {@link accumulateFunctionCalls}.
 *
 * @example
 * ```ts
 * import { accumulateFunctionCalls, type AccumulateFunctionCallsOptions } from 'rx-realtime';
 * const options: AccumulateFunctionCallsOptions = { progress: true };
 * const operator = accumulateFunctionCalls(options);
 * ```
 */
export interface AccumulateFunctionCallsOptions {
  /**
   * Also emit partial calls (`ready: false`, no `responseStatus`) on every arguments delta
   * and when the arguments complete, e.g. to show "calling get_weather..." early. Default `false`.
   */
  readonly progress?: boolean;
}

/**
 * Parses tool arguments into an `Either`, never throwing.
 *
 * @example
 * ```ts
 * import { either } from 'fp-ts';
 * import { parseToolArguments } from 'rx-realtime';
 * either.isRight(parseToolArguments('{"city":"Paris"}')); // true
 * either.isLeft(parseToolArguments('{oops')); // true: a ToolArgumentsError
 * ```
 */
export const parseToolArguments = (args: string): either.Either<ToolArgumentsError, unknown> =>
  either.tryCatch(
    () => JSON.parse(args) as unknown,
    (cause) => new ToolArgumentsError(args, cause),
  );

/** What an event that completes no call yields. */
const NONE: readonly FunctionCall[] = [];

interface CallBuilder {
  callId: string;
  name: string;
  readonly itemId: string;
  readonly responseId: string;
  readonly outputIndex: number;
  arguments: string;
  complete: boolean;
}

/**
 * Accumulates function-call arguments and emits each call once its response is over.
 *
 * Why at `response.done`: a call whose arguments are complete can still belong to a response
 * that ends `cancelled` or `incomplete` (the user barged in, the token limit hit), and such a
 * call must not run. The status is only known at `response.done`, so every call of the
 * response is emitted then, in `output_index` order, with `responseStatus` set and
 * `ready = complete && status === 'completed' && parsed is Right`. Calls of a cancelled or
 * incomplete response are still emitted (marked, never ready) so the app can tell the user.
 * Calls that appear only in the `response.done` output (stream joined midway) are included.
 * With `progress: true`, partial values are emitted as the arguments stream in.
 *
 * @param options - see {@link AccumulateFunctionCallsOptions}.
 *
 * @example
 * ```ts
 * import { filter, type Observable } from 'rxjs';
 * import { accumulateFunctionCalls, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * events$
 *   .pipe(
 *     accumulateFunctionCalls(),
 *     filter((call) => call.ready),
 *   )
 *   .subscribe((call) => console.log(call.name, call.parsed));
 * ```
 */
export function accumulateFunctionCalls(
  options: AccumulateFunctionCallsOptions = {},
): OperatorFunction<ServerEvent, FunctionCall> {
  const progress = options.progress ?? false;
  return (source) =>
    defer(() => {
      /** Calls by response id, then by item id. */
      const byResponse = new Map<string, Map<string, CallBuilder>>();

      const value = (c: CallBuilder, status?: ResponseStatus): FunctionCall => {
        const parsed = parseToolArguments(c.arguments);
        const call: FunctionCall = {
          callId: c.callId,
          name: c.name,
          itemId: c.itemId,
          responseId: c.responseId,
          arguments: c.arguments,
          parsed,
          complete: c.complete,
          ready: status === 'completed' && c.complete && either.isRight(parsed),
        };
        return Object.freeze(status === undefined ? call : { ...call, responseStatus: status });
      };

      const callFor = (
        responseId: string,
        itemId: string,
        outputIndex: number,
        callId: string,
        name: string,
      ): CallBuilder => {
        let calls = byResponse.get(responseId);
        if (!calls) {
          calls = new Map();
          byResponse.set(responseId, calls);
        }
        let c = calls.get(itemId);
        if (!c) {
          c = { callId, name, itemId, responseId, outputIndex, arguments: '', complete: false };
          calls.set(itemId, c);
        }
        return c;
      };

      const progressOf = (c: CallBuilder): readonly FunctionCall[] =>
        progress ? [value(c)] : NONE;

      /** The calls one event completes (or advances, with `progress`). */
      const callsOf = (e: ServerEvent): readonly FunctionCall[] => {
        switch (e.type) {
          case 'response.output_item.added':
            if (e.item.type === 'function_call' && e.item.id !== undefined) {
              callFor(e.response_id, e.item.id, e.output_index, e.item.call_id ?? '', e.item.name);
            }
            return NONE;
          case 'response.function_call_arguments.delta': {
            const c = callFor(e.response_id, e.item_id, e.output_index, e.call_id, '');
            c.arguments += e.delta;
            return progressOf(c);
          }
          case 'response.function_call_arguments.done': {
            const c = callFor(e.response_id, e.item_id, e.output_index, e.call_id, e.name);
            c.arguments = e.arguments;
            c.name = e.name;
            c.complete = true;
            return progressOf(c);
          }
          case 'response.output_item.done': {
            const item = e.item;
            if (item.type !== 'function_call' || item.id === undefined) return NONE;
            const c = callFor(
              e.response_id,
              item.id,
              e.output_index,
              item.call_id ?? '',
              item.name,
            );
            const wasComplete = c.complete;
            // A cancelled call is closed with status incomplete: its arguments are not whole.
            if (item.status !== 'incomplete') {
              c.arguments = item.arguments;
              c.complete = true;
            }
            c.name = item.name || c.name;
            c.callId = item.call_id ?? c.callId;
            return !wasComplete && c.complete ? progressOf(c) : NONE;
          }
          case 'response.done': {
            const id = e.response.id;
            if (id === undefined) return NONE;
            const status = e.response.status ?? 'completed';
            (e.response.output ?? []).forEach((item, i) => {
              if (item.type !== 'function_call' || item.id === undefined) return;
              if (byResponse.get(id)?.has(item.id)) return;
              const c = callFor(id, item.id, i, item.call_id ?? '', item.name);
              c.arguments = item.arguments;
              c.complete = item.status !== 'incomplete';
            });
            const calls = [...(byResponse.get(id)?.values() ?? [])].sort(
              (a, b) => a.outputIndex - b.outputIndex,
            );
            byResponse.delete(id);
            return calls.map((c) => value(c, status));
          }
          default:
            return NONE;
        }
      };
      // `emitEach` forwards an exception raised while handling an event as the output's error.
      return source.pipe(finishCutResponses(), emitEach(callsOf));
    });
}
