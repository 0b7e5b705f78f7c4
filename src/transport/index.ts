export {
  clientSecretProvider,
  type ClientSecretProviderOptions,
  type FetchedClientSecret,
} from './client-secret-provider.js';
export {
  ServerError,
  TransportError,
  type RealtimeSocketError,
  type TransportErrorDetails,
  type TransportErrorReason,
} from './errors.js';
export type { RealtimeSocketOptions, WebSocketCtor } from './options.js';
export { backoffDelay, type ReconnectOptions } from './reconnect.js';
export { REDACTED, redactSecrets, redactUrl } from './redact.js';
export { RealtimeSocket, realtimeSocket } from './realtime-socket.js';
export type { SocketState } from './socket-state.js';
export {
  connectionTarget,
  DEFAULT_BASE_URL,
  type AzureOptions,
  type ConnectionTarget,
  type TargetInput,
} from './target.js';
export type { WireFrame } from './wire-tap.js';
export { WebRtcRealtimeSocket, webrtcSocket, type WebRtcSocketOptions } from './webrtc/index.js';
