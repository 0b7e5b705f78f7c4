export {
  CallControlError,
  ClientSecretError,
  RealtimeHttpError,
  type RealtimeHttpErrorReason,
  type RealtimeHttpFailure,
} from './errors.js';
export type { FetchLike, RealtimeHttpOptions } from './http.js';
export {
  createClientSecret,
  type ClientSecret,
  type ClientSecretOptions,
} from './client-secrets.js';
export {
  acceptCall,
  hangupCall,
  referCall,
  rejectCall,
  type AcceptCallOptions,
  type RejectCallOptions,
  type ReferCallOptions,
} from './calls.js';
export type { SessionConfig } from './validate.js';
