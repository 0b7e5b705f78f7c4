/**
 * The fuzz harness: sample sessions with some frames mutated (values replaced or removed,
 * types swapped, `__proto__` fields, broken JSON, bad base64), decoded frame by frame and
 * run through every public operator, every other session as a browser would (no `Buffer`, so
 * audio goes through `atob`). It counts exceptions: anything thrown by the decoder or caught
 * inside it (a `could not be read` DecodeError), a decoded object whose prototype came from
 * the data, any error notification or unhandled error of an operator fed decoded events. The
 * contract is zero. Used by `npm test` (small) and `npm run bench fuzz` (100,000 frames).
 */
import fc from 'fast-check';
import { config, from, ignoreElements, merge, mergeMap, type Observable } from 'rxjs';
import {
  accumulateFunctionCalls,
  assembleResponses,
  rateLimits,
  responseStreams,
  transcripts,
  truncateOnInterruption,
  usage,
} from '../../src/operators/index.js';
import {
  createServerEventDecoder,
  type Dialect,
  type ServerEvent,
} from '../../src/protocol/index.js';
import { jsonPaths, updateAt } from './json-paths.js';
import { sampleFiles, sampleLines } from './samples.js';

/** One exception the contract forbids. */
export interface FuzzException {
  /** Where: `decode`, or the operator's name. */
  readonly stage: string;
  /** What was thrown or signalled. */
  readonly error: string;
  /** The session's frames, to reproduce it. */
  readonly frames: readonly string[];
}

/** What one fuzz run saw. */
export interface FuzzReport {
  /** Frames decoded. */
  readonly frames: number;
  /** Frames that were mutated. */
  readonly mutated: number;
  /** Frames refused with a DecodeError (a value, as it should be). */
  readonly decodeErrors: number;
  /** Events that reached the operators. */
  readonly events: number;
  /** Every exception; the contract is none. */
  readonly exceptions: readonly FuzzException[];
}

const SERVER_FILES = sampleFiles().filter((f) => f.endsWith('.server.jsonl'));
const SESSIONS = SERVER_FILES.map((file) => ({
  dialect: (file.startsWith('beta') ? 'beta' : 'ga') as Dialect,
  frames: sampleLines(file),
}));
const TYPES = [
  ...new Set(
    SESSIONS.flatMap((s) => s.frames.map((f) => (JSON.parse(f) as { type: string }).type)),
  ),
  'toString',
  'constructor',
  '__proto__',
  'hasOwnProperty',
];

/** Values a mutation plants: any JSON, and the ones that tend to break code. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(
    null,
    '',
    -1,
    1e308,
    0.5,
    'toString',
    '__proto__',
    'not base64!',
    [],
    {},
  ),
);

type Mutation = (json: unknown, text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), nasty).map(([at, value]): Mutation => (json) => {
    const all = jsonPaths(json);
    return JSON.stringify(updateAt(json, all[at % all.length], () => value));
  }),
  fc.nat().map((at): Mutation => (json) => {
    const all = jsonPaths(json).filter((p) => p.length > 0);
    if (all.length === 0) return JSON.stringify(json);
    const path = all[at % all.length];
    const parent = updateAt(json, path.slice(0, -1), (p) => {
      if (Array.isArray(p)) return p.filter((_, i) => i !== path[path.length - 1]);
      const { [path[path.length - 1]]: _gone, ...rest } = p as Record<string | number, unknown>;
      return rest;
    });
    return JSON.stringify(parent);
  }),
  fc.constantFrom(...TYPES).map(
    (type): Mutation =>
      (json) =>
        JSON.stringify({ ...(json as object), type }),
  ),
  fc.tuple(fc.nat(), nasty).map(([at, value]): Mutation => (json) => {
    const objects = jsonPaths(json).filter((p) => {
      const v = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], json);
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    });
    const path = objects[at % objects.length];
    const marked = updateAt(json, path, (o) => ({ ...(o as object), PROTO_MARK: value }));
    return JSON.stringify(marked).replace('"PROTO_MARK"', '"__proto__"');
  }),
  fc.nat().map(
    (at): Mutation =>
      (_, text) =>
        text.slice(0, at % (text.length + 1)),
  ),
);

const session = fc.record({
  which: fc.nat({ max: SESSIONS.length - 1 }),
  mutations: fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 24 }),
});

/** Every public operator, with its inner streams subscribed where it has them. */
const OPERATORS: ReadonlyArray<
  readonly [string, (e$: Observable<ServerEvent>) => Observable<unknown>]
> = [
  ['assembleResponses', (e$) => e$.pipe(assembleResponses())],
  ['accumulateFunctionCalls', (e$) => e$.pipe(accumulateFunctionCalls({ progress: true }))],
  [
    'responseStreams',
    (e$) =>
      e$.pipe(
        responseStreams(),
        mergeMap((r) => r.parts$),
        mergeMap((p) => (p.kind === 'audio' ? merge(p.audio$, p.transcript$) : p.text$)),
      ),
  ],
  ['transcripts', (e$) => e$.pipe(transcripts())],
  ['truncateOnInterruption', (e$) => e$.pipe(truncateOnInterruption({ serverCancels: false }))],
  ['usage', (e$) => e$.pipe(usage())],
  ['rateLimits', (e$) => e$.pipe(rateLimits())],
];

/** Whether every object inside a decoded value has a standard prototype. */
function plain(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype) return false;
  return Object.values(value).every(plain);
}

/** Runs `body` as a browser would: without the `Buffer` global. */
function withoutBuffer(body: () => void): void {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'Buffer');
  Reflect.deleteProperty(globalThis, 'Buffer');
  try {
    body();
  } finally {
    if (saved) Object.defineProperty(globalThis, 'Buffer', saved);
  }
}

const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** Runs sessions until `frames` frames have been decoded; `seed` makes the run repeatable. */
export function runFuzz(options: { readonly seed: number; readonly frames: number }): FuzzReport {
  const exceptions: FuzzException[] = [];
  let frames = 0;
  let mutated = 0;
  let decodeErrors = 0;
  let events = 0;
  let current: { stage: string; frames: readonly string[] } = { stage: '', frames: [] };
  const savedUnhandled = config.onUnhandledError;
  config.onUnhandledError = (error) =>
    exceptions.push({ ...current, error: `unhandled ${describeError(error)}` });
  try {
    let runs = 0;
    while (frames < options.frames) {
      const [drawn] = fc.sample(session, { seed: options.seed + runs, numRuns: 1 });
      runs += 1;
      const base = SESSIONS[drawn.which];
      const texts = [...base.frames];
      for (const [at, mutate] of drawn.mutations) {
        const i = at % texts.length;
        texts[i] = mutate(JSON.parse(base.frames[i]) as unknown, base.frames[i]);
        mutated += 1;
      }
      const batch = texts.slice(0, options.frames - frames);
      frames += batch.length;
      const decoder = createServerEventDecoder(base.dialect);
      const decoded: ServerEvent[] = [];
      current = { stage: 'decode', frames: batch };
      for (const text of batch) {
        try {
          const result = decoder.decodeFrame(text);
          if (result._tag === 'Left') {
            decodeErrors += 1;
            // The decoder's last resort: something threw inside it.
            if (/could not be read/.test(result.left.message))
              exceptions.push({ ...current, error: `caught ${result.left.message}` });
          } else {
            decoded.push(...result.right);
            if (!result.right.every(plain))
              exceptions.push({
                ...current,
                error: 'a decoded object took its prototype from data',
              });
          }
        } catch (error) {
          exceptions.push({ ...current, error: describeError(error) });
        }
      }
      events += decoded.length;
      const operate = (): void => {
        for (const [stage, run] of OPERATORS) {
          current = { stage, frames: batch };
          try {
            run(from(decoded))
              .pipe(ignoreElements())
              .subscribe({
                error: (error: unknown) =>
                  exceptions.push({ ...current, error: describeError(error) }),
              });
          } catch (error) {
            exceptions.push({ ...current, error: `thrown ${describeError(error)}` });
          }
        }
      };
      if (runs % 2 === 0) withoutBuffer(operate);
      else operate();
    }
  } finally {
    config.onUnhandledError = savedUnhandled;
  }
  return { frames, mutated, decodeErrors, events, exceptions };
}
