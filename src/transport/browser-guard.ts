// A standard API key sent from a browser is readable by every user of the page. The socket
// refuses to send one unless the caller opts in with `dangerouslyAllowBrowser`; ephemeral `ek_`
// keys and Entra tokens are fine, and header auth (Node) never runs in a browser.
import { detectEnvironment } from './environment.js';
import type { RealtimeSocketOptions } from './options.js';

/** The message of the `browser_key_refused` error. */
export const BROWSER_KEY_REFUSAL =
  'Refusing to send a standard API key from a browser: it would be exposed to every user. ' +
  'Create an ephemeral key on your server with POST /v1/realtime/client_secrets and pass its ' +
  '`ek_...` value as apiKey, or set dangerouslyAllowBrowser: true if you know what you are doing.';

/** Whether sending `credential` with `auth` would expose a standard API key in a browser. */
export function refusesBrowserKey(
  options: Pick<RealtimeSocketOptions, 'environment' | 'azure' | 'dangerouslyAllowBrowser'>,
  auth: 'headers' | 'browser',
  credential: string | undefined,
): boolean {
  const browser = (options.environment ?? detectEnvironment()) === 'browser';
  const isKey = !(options.azure?.tokenProvider !== undefined);
  return (
    browser &&
    auth === 'browser' &&
    isKey &&
    credential !== undefined &&
    !credential.startsWith('ek_') &&
    !options.dangerouslyAllowBrowser
  );
}
