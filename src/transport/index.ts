export { ServerError, TransportError, type TransportErrorReason } from './errors.js';
export { REDACTED, redactSecrets, redactUrl } from './redact.js';
export {
  backoffDelay,
  RealtimeSocket,
  realtimeSocket,
  type ReconnectOptions,
  type RealtimeSocketError,
  type RealtimeSocketOptions,
  type SocketState,
  type WebSocketCtor,
  type WireFrame,
} from './realtime-socket.js';
export {
  connectionTarget,
  DEFAULT_BASE_URL,
  type AzureOptions,
  type ConnectionTarget,
  type TargetInput,
} from './target.js';
