import type { FetchLike } from '../../../src/node/index.js';

/** One request a {@link fetchDouble} saw. */
export interface SeenRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** A `fetch` that records requests and answers each with `status` and `body` (or throws `error`). */
export function fetchDouble(answer: { status?: number; body?: string; error?: unknown }) {
  const seen: SeenRequest[] = [];
  const fetch: FetchLike = (url, init) => {
    seen.push({
      url,
      method: init.method,
      headers: init.headers,
      body: init.body === undefined ? undefined : JSON.parse(init.body),
    });
    if (answer.error !== undefined) return Promise.reject(answer.error);
    const status = answer.status ?? 200;
    return Promise.resolve({
      ok: status >= 200 && status < 300,
      status,
      text: () => Promise.resolve(answer.body ?? ''),
    });
  };
  return { fetch, seen };
}
