/**
 * Where the page gets its ephemeral key: the app's own server mints `ek_` keys with the real
 * API key (which never reaches the browser) and hands them out at `POST /api/client-secret`.
 */
import { InjectionToken } from '@angular/core';

/** What the app's server answers: the key and when it expires (seconds since the epoch). */
interface MintedSecret {
  readonly value: string;
  readonly expiresAt: number;
}

/** Returns a fresh `ek_` key; provided in `app.config.ts`. */
export const CLIENT_SECRET = new InjectionToken<() => Promise<string>>('rx-realtime client secret');

/** Asks the app's server for a key. */
export async function fetchClientSecret(url: string): Promise<MintedSecret> {
  const response = await fetch(url, { method: 'POST' });
  if (!response.ok) throw new Error(`the app's server refused a key: HTTP ${response.status}`);
  return (await response.json()) as MintedSecret;
}
