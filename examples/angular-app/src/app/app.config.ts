import {
  type ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { clientSecretProvider } from 'rx-realtime';
import { CLIENT_SECRET, fetchClientSecret } from './client-secret';
import { VOICE_TRANSPORT, webrtcTransport } from './voice-transport';

/** Where the page connects, from the app's server (`GET /api/realtime-config`). */
export interface RealtimeEndpoint {
  /** The Realtime API's base URL, such as `https://api.openai.com/v1`. */
  readonly baseUrl: string;
}

export function appConfig(endpoint: RealtimeEndpoint): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      // No zone.js: change detection runs when a signal the view reads changes, not after every
      // WebSocket message, data-channel message or audio callback.
      provideZonelessChangeDetection(),
      // WebRTC; `websocketTransport(url)` streams PCM over the browser WebSocket instead.
      { provide: VOICE_TRANSPORT, useValue: webrtcTransport(endpoint.baseUrl) },
      // Cached, shared by concurrent connections, and fetched again shortly before it expires.
      {
        provide: CLIENT_SECRET,
        useValue: clientSecretProvider(() => fetchClientSecret('/api/client-secret')),
      },
    ],
  };
}
