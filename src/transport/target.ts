import type { Dialect, Endpoint } from '../protocol/index.js';

/** Azure OpenAI connection settings. *
 * @example
 * ```ts
 * import { realtimeSocket, type AzureOptions } from 'rx-realtime/node';
 * const azure: AzureOptions = { endpoint: 'my-res.openai.azure.com', deployment: 'gpt-realtime', apiKey: 'key' };
 * realtimeSocket({ azure });
 * ```
 */
export interface AzureOptions {
  /** The resource host, such as `my-resource.openai.azure.com` (`https://` or no scheme means `wss`; `ws://`/`http://` means unencrypted `ws`, for local servers). */
  readonly endpoint: string;
  /** The deployment name. */
  readonly deployment: string;
  /**
   * A dated preview version such as `2024-10-01-preview`: selects the preview URL form and the
   * beta dialect. Omit it for the GA `/openai/v1/realtime?model=<deployment>` form.
   */
  readonly apiVersion?: string;
  /** The resource key (sent as the `api-key` header, or in the query string in browsers). */
  readonly apiKey?: string;
  /** An Entra ID token provider, sent as `Authorization: Bearer <token>`. */
  readonly tokenProvider?: () => Promise<string>;
}

/** Where and how to open one connection. *
 * @example
 * ```ts
 * import { connectionTarget, type ConnectionTarget } from 'rx-realtime';
 * const target: ConnectionTarget = connectionTarget({ model: 'gpt-realtime', credential: 'ek_1', bearer: true, auth: 'browser' });
 * console.log(target.protocols); // ['realtime', 'openai-insecure-api-key.ek_1']
 * ```
 */
export interface ConnectionTarget {
  /** The URL to open, possibly with a secret in the query string (always log {@link redactUrl}ed). */
  readonly url: string;
  /** WebSocket subprotocols. */
  readonly protocols: readonly string[];
  /** Headers for constructors that can send them (Node `ws`). */
  readonly headers: Readonly<Record<string, string>>;
  /** The dialect the endpoint speaks. */
  readonly dialect: Dialect;
}

/** Inputs of {@link connectionTarget}. *
 * @example
 * ```ts
 * import { connectionTarget, type TargetInput } from 'rx-realtime';
 * const input: TargetInput = { model: 'gpt-realtime', credential: 'sk-1', bearer: true, auth: 'headers' };
 * connectionTarget(input).headers; // { Authorization: 'Bearer sk-1' }
 * ```
 */
export interface TargetInput {
  /** Full URL; overrides `baseURL`, `model` and `callId`. */
  readonly url?: string;
  /** Base URL; the socket opens `${baseURL}/realtime?model=...`. */
  readonly baseURL?: string;
  /** `translations` opens `${baseURL}/realtime/translations?model=...`; default `realtime`. */
  readonly endpoint?: Endpoint;
  /** The model, such as `gpt-realtime`. Not together with `callId`. */
  readonly model?: string;
  /** A call to attach to (`?call_id=`, GA only). Not together with `model`. */
  readonly callId?: string;
  /** Wire dialect; defaults to `ga`, or `beta` for Azure with an `apiVersion`. */
  readonly dialect?: Dialect;
  /** Azure OpenAI instead of api.openai.com. */
  readonly azure?: AzureOptions;
  /** The resolved credential (API key, ephemeral key or Entra token). */
  readonly credential: string | undefined;
  /** Whether the credential is an Entra token (Bearer) rather than an Azure `api-key`. */
  readonly bearer: boolean;
  /** `headers` when the constructor can send headers, `browser` for subprotocols/query auth. */
  readonly auth: 'headers' | 'browser';
}

/** The default OpenAI base URL. *
 * @example
 * ```ts
 * import { DEFAULT_BASE_URL } from 'rx-realtime';
 * console.log(`${DEFAULT_BASE_URL}/realtime?model=gpt-realtime`);
 * ```
 */
export const DEFAULT_BASE_URL = 'wss://api.openai.com/v1';

/** `call_id=` for a sideband socket, `model=` for a new session, nothing when neither is set. */
function sessionQuery(callId: string | undefined, model: string | undefined): string {
  if (callId !== undefined) return `call_id=${encodeURIComponent(callId)}`;
  return model !== undefined ? `model=${encodeURIComponent(model)}` : '';
}

/**
 * Throws a `TypeError` for targets that cannot be opened: both `model` and `callId` (a socket
 * either opens a new session or attaches to a call), or a `callId` with an empty value, the beta
 * dialect or the translations endpoint (sideband control is GA realtime only).
 */
export function checkConnectionTarget(
  input: Pick<TargetInput, 'model' | 'callId' | 'dialect' | 'endpoint' | 'azure'>,
): void {
  const { model, callId } = input;
  if (callId === undefined) return;
  if (model !== undefined)
    throw new TypeError(
      'pass either model or callId, not both: model opens a new session, callId attaches to an existing call',
    );
  if (callId === '') throw new TypeError('callId is empty');
  const beta = input.dialect === 'beta' || input.azure?.apiVersion !== undefined;
  if (beta || input.endpoint === 'translations')
    throw new TypeError('callId (sideband control) needs the GA dialect and the realtime endpoint');
}

/**
 * Computes URL, subprotocols and headers for one connection, following the OpenAI SDK:
 * Bearer header (+ `OpenAI-Beta: realtime=v1` for beta) in Node, `openai-insecure-api-key.<key>`
 * subprotocols in browsers; for Azure the preview or GA URL form with an `api-key` header (or
 * `api-key=` in the query in browsers).
 *
 * @example
 * ```ts
 * import { connectionTarget } from 'rx-realtime';
 * connectionTarget({ model: 'gpt-realtime', credential: 'sk-x', bearer: true, auth: 'headers' }).url;
 * // 'wss://api.openai.com/v1/realtime?model=gpt-realtime'
 * ```
 */
export function connectionTarget(input: TargetInput): ConnectionTarget {
  checkConnectionTarget(input);
  const { azure, credential, auth } = input;
  if (azure) {
    // `ws://` / `http://` endpoints (local simulators) stay unencrypted; everything else is wss.
    const scheme = /^(ws|http):\/\//i.test(azure.endpoint) ? 'ws' : 'wss';
    const host = azure.endpoint.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
    const dialect: Dialect = input.dialect ?? (azure.apiVersion ? 'beta' : 'ga');
    let url = azure.apiVersion
      ? `${scheme}://${host}/openai/realtime?api-version=${encodeURIComponent(azure.apiVersion)}&deployment=${encodeURIComponent(azure.deployment)}`
      : `${scheme}://${host}/openai/v1/realtime?${sessionQuery(input.callId, azure.deployment)}`;
    const headers: Record<string, string> = {};
    if (dialect === 'beta' && auth === 'headers') headers['OpenAI-Beta'] = 'realtime=v1';
    if (credential !== undefined) {
      if (auth === 'headers') {
        if (input.bearer) headers['Authorization'] = `Bearer ${credential}`;
        else headers['api-key'] = credential;
      } else {
        url += input.bearer
          ? `&authorization=${encodeURIComponent(`Bearer ${credential}`)}`
          : `&api-key=${encodeURIComponent(credential)}`;
      }
    }
    return { url, protocols: [], headers, dialect };
  }
  const dialect: Dialect = input.dialect ?? 'ga';
  let url = input.url;
  if (url === undefined) {
    const base = (input.baseURL ?? DEFAULT_BASE_URL).replace(/^http/i, 'ws').replace(/\/+$/, '');
    const path = input.endpoint === 'translations' ? '/realtime/translations' : '/realtime';
    const query = sessionQuery(input.callId, input.model);
    url = `${base}${path}${query ? `?${query}` : ''}`;
  }
  if (auth === 'headers') {
    const headers: Record<string, string> = {};
    if (credential !== undefined) headers['Authorization'] = `Bearer ${credential}`;
    if (dialect === 'beta') headers['OpenAI-Beta'] = 'realtime=v1';
    return { url, protocols: [], headers, dialect };
  }
  const protocols = ['realtime'];
  if (credential !== undefined) protocols.push(`openai-insecure-api-key.${credential}`);
  if (dialect === 'beta') protocols.push('openai-beta.realtime-v1');
  return { url, protocols, headers: {}, dialect };
}
