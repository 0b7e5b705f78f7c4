// The one place that talks HTTP to the Realtime REST API: builds the request, turns every way
// it can go wrong into a `RealtimeHttpFailure` value, and keeps the API key out of all of it.
import { either } from 'fp-ts';
import { redactSecrets } from '../../transport/index.js';
import type { RealtimeHttpFailure } from './errors.js';

/**
 * The part of `fetch` the REST helpers use, so any implementation fits (the global `fetch`,
 * undici, a test double).
 *
 * @example
 * ```ts
 * import type { FetchLike } from 'rx-realtime/node';
 * const logged: FetchLike = async (url, init) => {
 *   console.log(init.method, url);
 *   return fetch(url, init);
 * };
 * ```
 */
export type FetchLike = (
  url: string,
  init: {
    readonly method: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string;
  },
) => Promise<{
  /** Whether the status is 2xx. */
  readonly ok: boolean;
  /** The HTTP status. */
  readonly status: number;
  /** The body as text. */
  text(): Promise<string>;
}>;

/**
 * Where and how the REST helpers connect: the key, the API base and the `fetch` to use.
 *
 * @example
 * ```ts
 * import type { RealtimeHttpOptions } from 'rx-realtime/node';
 * const options: RealtimeHttpOptions = { apiKey: 'sk-...', baseUrl: 'http://127.0.0.1:8080/v1' };
 * ```
 */
export interface RealtimeHttpOptions {
  /** The standard API key (`Authorization: Bearer`). Never appears in an error. */
  readonly apiKey: string;
  /** The API base; default `https://api.openai.com/v1`. */
  readonly baseUrl?: string;
  /** The `fetch` to use; default the global one (Node 20 has it). */
  readonly fetch?: FetchLike;
}

/** The default REST base of the OpenAI API. */
export const DEFAULT_REST_BASE_URL = 'https://api.openai.com/v1';

/** The service's error body: `{ error: { message, code } }`. */
function serviceError(text: string): { message?: string; code?: string } {
  try {
    const body: unknown = JSON.parse(text);
    const error = (body as { error?: unknown } | null)?.error;
    if (typeof error !== 'object' || error === null) return {};
    const { message, code } = error as { message?: unknown; code?: unknown };
    return {
      ...(typeof message === 'string' ? { message } : {}),
      ...(typeof code === 'string' ? { code } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * POSTs `body` as JSON to `${baseUrl}${path}` and resolves to the answer's text, or to the
 * failure. Never rejects.
 */
export async function postJson(
  options: RealtimeHttpOptions,
  path: string,
  body: unknown,
): Promise<either.Either<RealtimeHttpFailure, string>> {
  const base = (options.baseUrl ?? DEFAULT_REST_BASE_URL).replace(/\/+$/, '');
  const fail = (failure: RealtimeHttpFailure) =>
    either.left(redactSecrets(failure, [options.apiKey]));
  // The global fetch is called through globalThis: some runtimes refuse it detached.
  const doFetch: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const where = `POST ${path}`;
  let response: Awaited<ReturnType<FetchLike>>;
  let text: string;
  try {
    response = await doFetch(`${base}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${options.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    text = await response.text();
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return fail({ reason: 'network', message: `${where} failed: ${detail}`, cause });
  }
  if (!response.ok) {
    const { message, code } = serviceError(text);
    return fail({
      reason: 'http_error',
      message: `${where} failed with HTTP ${response.status}${message ? `: ${message}` : ''}`,
      status: response.status,
      ...(code !== undefined ? { code } : {}),
    });
  }
  return either.right(text);
}
