/**
 * Where the page gets its ephemeral key: the app's own server mints `ek_` keys with the real
 * API key (which never reaches the browser) and hands them out at `POST /api/client-secret`.
 */
import { InjectionToken } from '@angular/core';
import type { FetchedClientSecret } from 'rx-realtime';

/** Returns an `ek_` key for the next connection; provided in `app.config.ts`. */
export const CLIENT_SECRET = new InjectionToken<() => Promise<string>>('rx-realtime client secret');

/** Asks the app's server for a key: `{ value, expiresAt }` (unix seconds). */
export async function fetchClientSecret(url: string): Promise<FetchedClientSecret> {
  const response = await fetch(url, { method: 'POST' });
  if (!response.ok) throw new Error(`the app's server refused a key: HTTP ${response.status}`);
  return (await response.json()) as FetchedClientSecret;
}
