import { VirtualTimeScheduler } from 'rxjs';
import { clientSecretProvider, type FetchedClientSecret } from '../../src/transport/index.js';

/** A virtual clock in epoch ms; `advance` moves it forward. */
function clock(startMs: number) {
  const scheduler = new VirtualTimeScheduler();
  const advance = (ms: number) => {
    scheduler.schedule(() => undefined, ms);
    scheduler.flush();
  };
  advance(startMs);
  return { scheduler, advance };
}

/** A fetch function whose answers the test settles by hand. */
function server() {
  const calls: Array<{
    resolve: (secret: FetchedClientSecret) => void;
    reject: (error: Error) => void;
  }> = [];
  const fetchSecret = () =>
    new Promise<FetchedClientSecret>((resolve, reject) => calls.push({ resolve, reject }));
  return { calls, fetchSecret };
}

const T0 = 1_767_225_600_000; // 2026-01-01, in ms

describe('clientSecretProvider', () => {
  it('fetches once, shares the fetch between concurrent callers and reuses the key', async () => {
    const { scheduler } = clock(T0);
    const { calls, fetchSecret } = server();
    const provide = clientSecretProvider(fetchSecret, { scheduler });
    const first = provide();
    const second = provide();
    expect(calls).toHaveLength(1);
    calls[0].resolve({ value: 'ek_1', expiresAt: T0 / 1000 + 600 });
    await expect(Promise.all([first, second])).resolves.toEqual(['ek_1', 'ek_1']);
    await expect(provide()).resolves.toBe('ek_1');
    expect(calls).toHaveLength(1);
  });

  it('fetches a new key once the cached one expires within the margin', async () => {
    const { scheduler, advance } = clock(T0);
    const { calls, fetchSecret } = server();
    const provide = clientSecretProvider(fetchSecret, { scheduler, refreshBeforeMs: 30_000 });
    const first = provide();
    calls[0].resolve({ value: 'ek_1', expiresAt: T0 / 1000 + 600 });
    await first;
    advance(569_999); // 30.001 s before expiry: still fresh
    await expect(provide()).resolves.toBe('ek_1');
    advance(1); // exactly 30 s before expiry: stale
    const next = provide();
    expect(calls).toHaveLength(2);
    calls[1].resolve({ value: 'ek_2', expiresAt: T0 / 1000 + 1200 });
    await expect(next).resolves.toBe('ek_2');
  });

  it('caps the margin at half the lifetime, so a short-lived key is still reused', async () => {
    const { scheduler, advance } = clock(T0);
    const { calls, fetchSecret } = server();
    const provide = clientSecretProvider(fetchSecret, { scheduler }); // default margin 60 s
    const first = provide();
    calls[0].resolve({ value: 'ek_short', expiresAt: T0 / 1000 + 20 });
    await first;
    advance(9_999);
    await expect(provide()).resolves.toBe('ek_short');
    advance(1);
    void provide();
    expect(calls).toHaveLength(2);
  });

  it('a failed fetch rejects its callers and the next call retries', async () => {
    const { scheduler } = clock(T0);
    const { calls, fetchSecret } = server();
    const provide = clientSecretProvider(fetchSecret, { scheduler });
    const a = provide();
    const b = provide();
    calls[0].reject(new Error('server down'));
    await expect(a).rejects.toThrow('server down');
    await expect(b).rejects.toThrow('server down');
    const retry = provide();
    expect(calls).toHaveLength(2);
    calls[1].resolve({ value: 'ek_2', expiresAt: T0 / 1000 + 600 });
    await expect(retry).resolves.toBe('ek_2');
  });

  it('a fetch function that throws synchronously rejects instead of throwing', async () => {
    const { scheduler } = clock(T0);
    let attempts = 0;
    const provide = clientSecretProvider(
      () => {
        attempts += 1;
        throw new Error('no network');
      },
      { scheduler },
    );
    await expect(provide()).rejects.toThrow('no network');
    await expect(provide()).rejects.toThrow('no network');
    expect(attempts).toBe(2);
  });

  it('refuses an answer without a key or an expiry, and keeps nothing from it', async () => {
    const { scheduler } = clock(T0);
    const answers: unknown[] = [{ value: 'ek_1' }, { value: '', expiresAt: 1 }, null];
    const provide = clientSecretProvider(
      () => Promise.resolve(answers.shift() as FetchedClientSecret),
      { scheduler },
    );
    for (let i = 0; i < 3; i++)
      await expect(provide()).rejects.toThrow(/must resolve to \{ value: string, expiresAt/);
  });
});
