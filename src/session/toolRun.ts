// One function call from the model to its answer: decode the arguments, run the handler under
// its time limit, tell the model (a `function_call_output`), and report every step as a
// `ToolCallUpdate`. A call never errors: whatever goes wrong becomes a `failed` update and, unless
// it was cancelled, an output that explains it to the model.
import { either } from 'fp-ts';
import type * as t from 'io-ts';
import {
  catchError,
  concat,
  concatMap,
  connect,
  defer,
  from,
  isObservable,
  map,
  merge,
  NEVER,
  type Observable,
  of,
  race,
  take,
  takeUntil,
  throwError,
  throwIfEmpty,
  timeout,
  timer,
  type SchedulerLike,
} from 'rxjs';
import type { FunctionCall } from '../operators/index.js';
import type { ClientEvent } from '../protocol/index.js';
import type { Tool, ToolResult } from './toolLoop.js';

/**
 * Why a tool call failed: its arguments were not valid (`bad_arguments`), no tool has its name
 * (`unknown_tool`), the handler threw, rejected, errored or produced nothing (`threw`), it did
 * not answer in time (`timed_out`), or the user interrupted it (`cancelled`, no output sent).
 *
 * @example
 * ```ts
 * import type { ToolFailure } from 'rx-realtime';
 * const retryable = (reason: ToolFailure): boolean => reason === 'timed_out';
 * ```
 */
export type ToolFailure = 'bad_arguments' | 'unknown_tool' | 'threw' | 'timed_out' | 'cancelled';

/**
 * One step of one tool call, on `session.toolCalls$`: `started` when the call is taken up, then
 * exactly one of `completed` or `failed`. Times are on the session's scheduler.
 *
 * @example
 * ```ts
 * import type { ToolCallUpdate } from 'rx-realtime';
 * const label = (u: ToolCallUpdate): string =>
 *   u.kind === 'started' ? `looking up ${u.name}...` : u.kind === 'completed' ? 'done' : `failed: ${u.reason}`;
 * ```
 */
export type ToolCallUpdate =
  | {
      /** The call is being run (or explained, when its arguments are bad). */
      readonly kind: 'started';
      /** The function name. */
      readonly name: string;
      /** The model's call id. */
      readonly callId: string;
      /** The arguments as parsed JSON (`undefined` when they are not JSON). */
      readonly args: unknown;
    }
  | {
      /** The handler answered; `output` was sent to the model. */
      readonly kind: 'completed';
      /** The function name. */
      readonly name: string;
      /** The model's call id. */
      readonly callId: string;
      /** The `function_call_output` sent. */
      readonly output: string;
      /** From `started` to the answer, in milliseconds of the scheduler. */
      readonly durationMs: number;
    }
  | {
      /** The call did not produce a result. */
      readonly kind: 'failed';
      /** The function name. */
      readonly name: string;
      /** The model's call id. */
      readonly callId: string;
      /** Why. */
      readonly reason: ToolFailure;
      /** In words, as the model was told (for `cancelled`, nothing was sent). */
      readonly message: string;
      /** From `started` to the failure, in milliseconds of the scheduler. */
      readonly durationMs: number;
    };

/**
 * What the tool loop produces: progress for the app (`update`) and events for the server
 * (`command`).
 *
 * @example
 * ```ts
 * import type { ToolSignal } from 'rx-realtime';
 * const forServer = (s: ToolSignal) => (s.kind === 'command' ? [s.event] : []);
 * ```
 */
export type ToolSignal =
  | {
      /** A step of a call, for `toolCalls$`. */
      readonly kind: 'update';
      /** The step. */
      readonly update: ToolCallUpdate;
    }
  | {
      /** An event to send. */
      readonly kind: 'command';
      /** The event. */
      readonly event: ClientEvent;
    };

/** What the run of one call produces: the signals, and the moment it got its answer. */
export type ToolRunSignal =
  | ToolSignal
  /** The call got its (first) output, or was cancelled and gets none. */
  | { readonly kind: 'answered'; readonly withOutput: boolean };

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

class Timeout extends Error {}

/** What the run of a call needs besides the call. */
export interface ToolRunContext {
  /** The tools by name. */
  readonly tools: ReadonlyMap<string, Tool>;
  /** The clock of durations, time limits and `whileWorking`. */
  readonly scheduler: SchedulerLike;
  /** Emits when the user starts speaking: cancels calls whose tool allows it. */
  readonly interrupted$: Observable<unknown>;
}

/** Runs one call; see {@link ToolRunSignal}. Never errors. */
export function runToolCall(
  call: FunctionCall,
  context: ToolRunContext,
): Observable<ToolRunSignal> {
  return defer(() => {
    const { scheduler } = context;
    const startedAt = scheduler.now();
    const { name, callId } = call;
    const args = either.isRight(call.parsed) ? call.parsed.right : undefined;
    const update = (u: ToolCallUpdate): ToolRunSignal => ({ kind: 'update', update: u });
    const output = (text: string): ToolRunSignal => ({
      kind: 'command',
      event: {
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: callId, output: text },
      },
    });
    const answered = (withOutput = true): ToolRunSignal => ({ kind: 'answered', withOutput });
    const failed = (why: ToolFailure, message: string): ToolRunSignal =>
      update({
        kind: 'failed',
        name,
        callId,
        reason: why,
        message,
        durationMs: scheduler.now() - startedAt,
      });
    const started = update({ kind: 'started', name, callId, args });
    const refuse = (why: ToolFailure, message: string) =>
      of(started, output(errorOutput(message)), failed(why, message), answered());

    const tool = context.tools.get(name);
    if (!tool) return refuse('unknown_tool', `Unknown tool "${name}".`);
    if (either.isLeft(call.parsed))
      return refuse('bad_arguments', `The arguments of ${name} are not valid JSON.`);
    const decoded = tool.codec.decode(call.parsed.right);
    if (either.isLeft(decoded))
      return refuse(
        'bad_arguments',
        `Invalid arguments for ${name}: ${describeValidationErrors(decoded.left)}. Fix them and call again.`,
      );

    const limit = tool.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
    type Outcome =
      { readonly ok: string } | { readonly failed: ToolFailure; readonly message: string };
    const handled$ = defer(() => toObservable(tool.handler(decoded.right))).pipe(
      take(1),
      throwIfEmpty(() => new Error('it produced no result')),
      timeout({ first: limit, scheduler, with: () => throwError(() => new Timeout()) }),
      map((value): Outcome => ({ ok: resultOutput(value) })),
      catchError((err: unknown) =>
        of<Outcome>(
          err instanceof Timeout
            ? {
                failed: 'timed_out',
                message: `${name} failed: it did not answer within ${limit} ms`,
              }
            : { failed: 'threw', message: `${name} failed: ${reason(err)}` },
        ),
      ),
    );
    const cancelled$ =
      tool.cancelWhenInterrupted === false
        ? NEVER
        : context.interrupted$.pipe(
            take(1),
            map((): Outcome => ({
              failed: 'cancelled',
              message: `${name} was cancelled: the user interrupted`,
            })),
          );
    /** The signals of the outcome; `interim`: the model already got an in-progress output. */
    const toSignals = (o: Outcome, interim: boolean): Observable<ToolRunSignal> => {
      if ('ok' in o) {
        const done = update({
          kind: 'completed',
          name,
          callId,
          output: o.ok,
          durationMs: scheduler.now() - startedAt,
        });
        return interim
          ? concat(lateResult(name, callId, o.ok), of(done))
          : of(output(o.ok), done, answered());
      }
      if (o.failed === 'cancelled')
        return of(failed('cancelled', o.message), ...(interim ? [] : [answered(false)]));
      return interim
        ? concat(lateResult(name, callId, errorOutput(o.message)), of(failed(o.failed, o.message)))
        : of(output(errorOutput(o.message)), failed(o.failed, o.message), answered());
    };

    const working = tool.whileWorking;
    return concat(
      of(started),
      race(handled$, cancelled$).pipe(
        take(1),
        // Subscribed once, whoever listens: the handler runs once.
        connect((settled$) => {
          if (!working) return settled$.pipe(concatMap((o) => toSignals(o, false)));
          // Slow tools: after `afterMs` the model hears that the work is in progress (and may
          // speak); the real result then arrives as a message of its own.
          let interim = false;
          const interimText = JSON.stringify({
            status: 'in_progress',
            message: working.message ?? `${name} is still working; the result will follow.`,
          });
          const interim$ = timer(working.afterMs, scheduler).pipe(
            takeUntil(settled$),
            concatMap(() => {
              interim = true;
              return of(output(interimText), answered());
            }),
          );
          return merge(interim$, settled$.pipe(concatMap((o) => toSignals(o, interim))));
        }),
      ),
    );
  });
}

/**
 * The late result of a slow tool: a system message with it, and a response so that the model
 * tells the user.
 */
function lateResult(name: string, callId: string, text: string): Observable<ToolRunSignal> {
  const message: ToolRunSignal = {
    kind: 'command',
    event: {
      type: 'conversation.item.create',
      item: {
        type: 'message',
        role: 'system',
        content: [
          {
            type: 'input_text',
            text: `The result of ${name} (call ${callId}) is ready: ${text}`,
          },
        ],
      },
    },
  };
  const respond: ToolRunSignal = { kind: 'command', event: { type: 'response.create' } };
  return of(message, respond);
}
