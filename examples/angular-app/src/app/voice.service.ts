/**
 * The app's one Realtime session, as signals for the components. The session is created on the
 * first `talk()` (nothing connects before the user asks), and closed in `ngOnDestroy` or by
 * `hangUp()`. Every stream below is derived from the current call, so a new call after a
 * hang-up replaces the old one in the same signals.
 */
import { inject, Injectable, type OnDestroy, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  BehaviorSubject,
  distinctUntilChanged,
  map,
  type Observable,
  of,
  scan,
  startWith,
  type Subscription,
  switchMap,
} from 'rxjs';
import {
  createRealtimeSession,
  transcripts,
  type RealtimeSession,
  type SessionSettings,
  type SessionState,
} from 'rx-realtime';
import {
  type AssistantPhase,
  initialAssistantState,
  nextAssistantState,
} from '../voice/assistant-state';
import { addTranscript, type TranscriptLine } from '../voice/transcript-lines';
import { CLIENT_SECRET } from './client-secret';
import {
  INPUT_SAMPLE_RATE,
  OUTPUT_SAMPLE_RATE,
  VOICE_TRANSPORT,
  type VoiceCall,
} from './voice-transport';

/** A voice session: server VAD answers when the user stops talking; both sides transcribed. */
const SESSION: SessionSettings = {
  instructions: 'You are a friendly voice assistant. Keep answers short.',
  output_modalities: ['audio'],
  audio: {
    input: {
      format: { type: 'audio/pcm', rate: INPUT_SAMPLE_RATE },
      transcription: { model: 'gpt-4o-mini-transcribe' },
      turn_detection: { type: 'server_vad', silence_duration_ms: 500, create_response: true },
    },
    output: { voice: 'marin', format: { type: 'audio/pcm', rate: OUTPUT_SAMPLE_RATE } },
  },
};

/** The connection as the page shows it: the session's lifecycle, or `off` between calls. */
export type ConnectionStatus = SessionState['kind'] | 'off';

interface ActiveCall extends VoiceCall {
  readonly session: RealtimeSession;
  readonly microphone: MediaStream;
  /** The microphone feed and the error listener, ended with the call. */
  readonly feeds: Subscription;
}

@Injectable({ providedIn: 'root' })
export class VoiceService implements OnDestroy {
  private readonly transport = inject(VOICE_TRANSPORT);
  private readonly clientSecret = inject(CLIENT_SECRET);
  private readonly call$ = new BehaviorSubject<ActiveCall | null>(null);
  private starting = false;

  /** The session's lifecycle: `off`, then connecting, configuring, ready... */
  readonly connection = toSignal(
    this.fromCall<ConnectionStatus>('off', (call) =>
      call.session.state$.pipe(map((state) => state.kind)),
    ),
    { requireSync: true },
  );
  /** idle, listening (the user speaks), thinking (an answer is coming) or speaking. */
  readonly assistant = toSignal(
    this.fromCall<AssistantPhase>('idle', (call) =>
      call.socket.pipe(
        scan(nextAssistantState, initialAssistantState),
        map((state) => state.phase),
        startWith<AssistantPhase>('idle'),
      ),
    ),
    { requireSync: true },
  );
  /** The conversation as it is spoken: user and assistant lines, growing as words arrive. */
  readonly transcript = toSignal(
    this.fromCall<readonly TranscriptLine[]>([], (call) =>
      call.socket.pipe(
        transcripts(),
        scan(addTranscript, [] as readonly TranscriptLine[]),
        startWith([] as readonly TranscriptLine[]),
      ),
    ),
    { requireSync: true },
  );
  /** The assistant's voice for the `<audio>` element, when the transport carries it as media. */
  readonly remoteAudio = toSignal(
    this.fromCall<MediaStream | null>(null, (call) => call.remoteAudio$),
    { requireSync: true },
  );
  /** The latest error, as a message for the page (the library has redacted secrets from it). */
  readonly error = signal<string | null>(null);

  /** Starts a call if none is running: asks for the microphone, connects, configures. */
  async talk(): Promise<void> {
    if (this.call$.value || this.starting) return;
    this.starting = true;
    this.error.set(null);
    try {
      const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
      const call = this.transport({
        clientSecret: this.clientSecret,
        microphone,
        session: SESSION,
      });
      const session = createRealtimeSession(call.socket, { session: SESSION });
      const feeds = session.errors$.subscribe((error) => this.error.set(error.message));
      // Appending before the session is configured is safe: the session queues it.
      feeds.add(
        call.microphonePcm$.subscribe({
          next: (samples) => session.appendAudio(samples),
          error: (error: unknown) => this.error.set(`microphone: ${String(error)}`),
        }),
      );
      this.call$.next({ ...call, session, microphone, feeds });
    } catch (error) {
      this.error.set(error instanceof Error ? error.message : String(error));
    } finally {
      this.starting = false;
    }
  }

  /** Ends the call: closes the session (and its socket) and releases the microphone. */
  hangUp(): void {
    const call = this.call$.value;
    if (!call) return;
    this.call$.next(null);
    call.feeds.unsubscribe();
    call.session.close();
    call.microphone.getTracks().forEach((track) => track.stop());
  }

  ngOnDestroy(): void {
    this.hangUp();
    this.call$.complete();
  }

  /** A stream of the current call, `idle` between calls. */
  private fromCall<T>(idle: T, of$: (call: ActiveCall) => Observable<T>): Observable<T> {
    return this.call$.pipe(
      switchMap((call) => (call ? of$(call) : of(idle))),
      distinctUntilChanged(),
    );
  }
}
