// The simulator's `POST /v1/realtime/client_secrets`: mints `ek_` keys that open sessions
// until they expire, each carrying the session config it was minted with.
import { randomBytes } from 'node:crypto';
import type { Json } from './types.js';

/** A minted key: until when it opens sessions, and the session config they start with. */
interface MintedKey {
  readonly expiresAtMs: number;
  readonly session: Json;
}

/** What a presented key is worth: a minted key still valid, one that expired, or not minted. */
export type KeyLookup =
  | { readonly kind: 'valid'; readonly session: Json }
  | { readonly kind: 'expired' }
  | { readonly kind: 'unknown' };

/** The keys one simulator minted. */
export class ClientSecretStore {
  private readonly keys = new Map<string, MintedKey>();

  constructor(
    /** The clock in epoch ms. */
    private readonly now: () => number,
  ) {}

  /** A new `ek_` key valid for `seconds`; returns it and its expiry in unix seconds. */
  mint(seconds: number, session: Json): { readonly value: string; readonly expiresAt: number } {
    const value = `ek_${randomBytes(16).toString('hex')}`;
    const expiresAt = Math.floor(this.now() / 1000) + seconds;
    this.keys.set(value, { expiresAtMs: expiresAt * 1000, session });
    return { value, expiresAt };
  }

  lookup(key: string): KeyLookup {
    const minted = this.keys.get(key);
    if (!minted) return { kind: 'unknown' };
    if (this.now() >= minted.expiresAtMs) return { kind: 'expired' };
    return { kind: 'valid', session: minted.session };
  }
}

/** Whether an upgrade may open a session, and the minted session config it starts with. */
export type UpgradeAuth = { readonly ok: true; readonly session?: Json } | { readonly ok: false };

/**
 * Authorises a WebSocket (or WebRTC) client by the keys it presented: a minted key must be
 * unexpired (an expired one is refused like a wrong key); otherwise the configured `apiKey`,
 * when there is one, must be among them.
 */
export function authorizeClient(
  presented: readonly string[],
  apiKey: string | undefined,
  store: ClientSecretStore,
): UpgradeAuth {
  for (const key of presented) {
    const found = store.lookup(key);
    if (found.kind === 'valid') return { ok: true, session: found.session };
    if (found.kind === 'expired') return { ok: false };
  }
  return apiKey === undefined || presented.includes(apiKey) ? { ok: true } : { ok: false };
}
