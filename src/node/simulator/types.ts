/** A JSON object as it travels on the wire. */
export type Json = { readonly [field: string]: unknown };

/** A mutable JSON object, used while the simulator builds events. */
export type MutableJson = { [field: string]: unknown };

/** How fast the simulator delivers response audio. */
export type SimulatorPace = 'fast' | 'realtime' | 'instant';

/**
 * What a script sees when it decides the next reply.
 *
 * @example
 * ```ts
 * import type { ScriptContext } from 'rx-realtime/node';
 * const said = (context: ScriptContext) => context.lastUserText ?? '(nothing yet)';
 * ```
 */
export interface ScriptContext {
  /** The conversation so far, in order, as GA items. */
  readonly conversation: readonly Json[];
  /** The function tools in effect for this response. */
  readonly tools: readonly Json[];
  /** The text (or transcript) of the latest user message, `null` when there is none yet. */
  readonly lastUserText: string | null;
}

/**
 * What the scripted "model" answers: a text (spoken when audio is on) or a function call,
 * optionally preceded by a text in its own message item ("Let me check that."), as real
 * models often do. `transcript` is what the simulated ASR reports for the user's audio turn
 * that triggered it.
 *
 * @example
 * ```ts
 * import type { Reply } from 'rx-realtime/node';
 * const reply: Reply = { functionCall: { name: 'get_weather', arguments: { location: 'Paris' } } };
 * ```
 */
export type Reply =
  | {
      /** What the assistant says (spoken, with its transcript, when audio is on). */
      readonly text: string;
      /** What the simulated ASR heard in the user's audio turn. */
      readonly transcript?: string;
    }
  | {
      /** The function the assistant calls. */
      readonly functionCall: {
        /** A declared tool's name. */
        readonly name: string;
        /** The arguments, sent as JSON in argument deltas. */
        readonly arguments: Json;
      };
      /** Said before the call, as a message item of the same response. */
      readonly text?: string;
      /** What the simulated ASR heard in the user's audio turn. */
      readonly transcript?: string;
    };

/**
 * Decides the reply of the simulated model.
 *
 * @example
 * ```ts
 * import type { Script } from 'rx-realtime/node';
 * const script: Script = ({ lastUserText }) => ({ text: `You said ${lastUserText ?? 'nothing'}.` });
 * ```
 */
export type Script = (context: ScriptContext) => Reply;

/**
 * A scheduled connection close used by the fault options.
 *
 * @example
 * ```ts
 * import type { CloseFault } from 'rx-realtime/node';
 * const drop: CloseFault = { code: 1006 }; // no close frame, as when a network drops
 * ```
 */
export interface CloseFault {
  /** WebSocket close code; default 1011 (server error). */
  readonly code?: number;
  /** Close reason; default `'simulated fault'`. */
  readonly reason?: string;
}

/**
 * Faults the simulator injects on every connection, to test how clients cope.
 *
 * @example
 * ```ts
 * import type { SimulatorFaults } from 'rx-realtime/node';
 * const faults: SimulatorFaults = { closeMidResponse: { afterDeltas: 3, code: 1006 } };
 * ```
 */
export interface SimulatorFaults {
  /** Close after this many server events have been sent. */
  readonly closeAfterEvents?: CloseFault & {
    /** Server events sent before the close. */
    readonly count: number;
  };
  /** Close in the middle of the first response, after this many delta events (default 1). */
  readonly closeMidResponse?: CloseFault & {
    /** Delta events of the first response sent before the close (default 1). */
    readonly afterDeltas?: number;
  };
  /** Send one frame that is not JSON after this many server events have been sent. */
  readonly malformedFrameAfterEvents?: number;
  /** Hold every server frame back this many milliseconds (order is kept). */
  readonly delayFramesMs?: number;
}

/** Information about one frame the simulator sent, for benchmarks and diagnostics. */
export interface SentFrameInfo {
  /** The wire `type` of the event. */
  readonly type: string;
  /** The `event_id` of the event. */
  readonly eventId: string;
  /** `performance.now()` at which the pacing plan meant the frame to leave. */
  readonly scheduledAt: number;
  /** `performance.now()` at which `ws.send` was called. */
  readonly sentAt: number;
}

/**
 * Options of {@link startSimulator}. Every field is optional.
 *
 * @example
 * ```ts
 * import { startSimulator } from 'rx-realtime/node';
 * const sim = await startSimulator({ apiKey: 'sk-test', pace: 'instant' });
 * await sim.close();
 * ```
 */
export interface SimulatorOptions {
  /** TCP port; default 0 (any free port). The host is always 127.0.0.1. */
  readonly port?: number;
  /** When set, connections must present this key (Bearer, `api-key` header or subprotocol). */
  readonly apiKey?: string;
  /** The scripted model; default {@link defaultScript}. */
  readonly script?: Script;
  /** Audio delivery pace: `realtime` (1x), `fast` (4x, default) or `instant` (no waiting). */
  readonly pace?: SimulatorPace;
  /** Injected faults; none by default. */
  readonly faults?: SimulatorFaults;
  /** Initial session fields (GA shape, partial), merged over the built-in defaults. */
  readonly session?: Json;
  /**
   * The clock of minted client secrets (their `expires_at` and expiry checks) and of call
   * timestamps, in epoch ms. Default `Date.now`; a test moves it to expire a key.
   */
  readonly clock?: () => number;
  /** Expire each session after this many ms with an `error` (`session_expired`) and a close. */
  readonly sessionExpiresAfterMs?: number;
  /** Called for every frame sent (benchmarks). */
  readonly onFrameSent?: (info: SentFrameInfo) => void;
  /**
   * Refuse the beta dialect like api.openai.com does since 2026-05: a beta connection gets an
   * `error` with code `beta_api_shape_disabled` and is closed with 4000. Default false (beta
   * is served, as Azure OpenAI preview deployments do).
   */
  readonly refuseBeta?: boolean;
}
