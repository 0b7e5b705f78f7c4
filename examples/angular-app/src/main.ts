import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig, type RealtimeEndpoint } from './app/app.config';
import { VoiceComponent } from './app/voice.component';

// Where to connect is the server's to say (the real API, or a simulator on some port).
fetch('/api/realtime-config')
  .then((response) => response.json() as Promise<RealtimeEndpoint>)
  .then((endpoint) => bootstrapApplication(VoiceComponent, appConfig(endpoint)))
  .catch((error: unknown) => console.error(error));
