/**
 * An Angular-style service that owns one Realtime session and exposes it to components as
 * read-only observables. It does not import Angular (this repository does not depend on it);
 * in an Angular app you add the decorator and an injection token for the config, see
 * {@link RealtimeVoiceService}.
 */
import {
  distinctUntilChanged,
  filter,
  map,
  type Observable,
  ReplaySubject,
  share,
  shareReplay,
  startWith,
  switchMap,
  takeUntil,
} from 'rxjs';
import {
  createRealtimeSession,
  entryText,
  realtimeSocket,
  transcripts,
  type ConversationEntry,
  type RealtimeSession,
  type RealtimeSocket,
  type RealtimeSocketError,
  type RealtimeSocketOptions,
  type SessionReady,
  type SessionSettings,
  type SocketState,
} from 'rx-realtime';

/**
 * What the service needs, as an injection token would provide it.
 *
 * @example
 * ```ts
 * const config: RealtimeVoiceConfig = {
 *   socket: { model: 'gpt-realtime', apiKey: ephemeralKey }, // an `ek_...` key in a browser
 *   session: { instructions: 'Be brief.', output_modalities: ['audio'] },
 * };
 * ```
 */
export interface RealtimeVoiceConfig {
  /** Where to connect and with which key (see `realtimeSocket`). */
  readonly socket: RealtimeSocketOptions;
  /** Settings the session sends once connected. */
  readonly session?: SessionSettings;
  /**
   * Builds the socket. Default: `realtimeSocket` from 'rx-realtime' (the browser WebSocket);
   * in Node, pass the one from 'rx-realtime/node'.
   */
  readonly createSocket?: (options: RealtimeSocketOptions) => RealtimeSocket;
}

/**
 * One line of a chat list.
 *
 * @example
 * ```ts
 * const line: ChatLine = { id: 'item_1', role: 'user', text: 'Hi', done: true, interrupted: false };
 * ```
 */
export interface ChatLine {
  readonly id: string;
  readonly role: 'user' | 'assistant' | 'system' | 'tool';
  /** The words (text or audio transcript), or the tool call; '' while an answer streams. */
  readonly text: string;
  /** False while the server is still producing the item. */
  readonly done: boolean;
  /** The user talked over this answer; `text` is what the model had produced. */
  readonly interrupted: boolean;
}

/**
 * Angular-style facade over {@link createRealtimeSession}: components bind to the streams
 * with the `async` pipe and call the methods from event handlers. Every stream completes in
 * `ngOnDestroy`, which also closes the socket.
 *
 * @example
 * ```ts
 * // In an Angular app: provide the config and decorate the class.
 * export const REALTIME_VOICE_CONFIG = new InjectionToken<RealtimeVoiceConfig>('realtime voice');
 * @Injectable({ providedIn: 'root' })
 * export class VoiceService extends RealtimeVoiceService {
 *   constructor() { super(inject(REALTIME_VOICE_CONFIG)); }
 * }
 * // In a component template:
 * // <li *ngFor="let line of voice.conversation$ | async">{{ line.role }}: {{ line.text }}</li>
 * // <p *ngIf="voice.assistantSpeaking$ | async">{{ voice.currentTranscript$ | async }}</p>
 * // <button (click)="voice.interrupt()">Stop</button>
 * ```
 */
export class RealtimeVoiceService {
  /** Socket state: idle, connecting, open, reconnecting, closed. */
  readonly connection$: Observable<SocketState>;
  /** The conversation as chat lines, in conversation order ([] before `connect()`). */
  readonly conversation$: Observable<readonly ChatLine[]>;
  /** True from the start of a response to its end. */
  readonly assistantSpeaking$: Observable<boolean>;
  /** What the assistant is saying right now, as it streams; '' between answers. */
  readonly currentTranscript$: Observable<string>;
  /** Server errors, bad frames and transport failures, as they happen (not replayed). */
  readonly errors$: Observable<RealtimeSocketError>;

  private readonly socket: RealtimeSocket;
  private readonly session$ = new ReplaySubject<RealtimeSession>(1);
  // A ReplaySubject, so a component subscribing after ngOnDestroy completes at once.
  private readonly destroyed$ = new ReplaySubject<void>(1);
  private session: RealtimeSession | undefined;
  private destroyed = false;

  constructor(private readonly config: RealtimeVoiceConfig) {
    this.socket = (config.createSocket ?? realtimeSocket)(config.socket);
    // Components subscribe several times (one async pipe each): share one subscription to
    // the source, replay the latest value to newcomers, and let go when the last one leaves.
    const forComponents = <T>(source$: Observable<T>): Observable<T> =>
      source$.pipe(takeUntil(this.destroyed$), shareReplay({ bufferSize: 1, refCount: true }));

    this.connection$ = forComponents(this.socket.state$);
    this.conversation$ = forComponents(
      this.session$.pipe(
        switchMap((session) => session.conversation$),
        map((state) => state.items.flatMap(toChatLine)),
        startWith([]),
      ),
    );
    this.assistantSpeaking$ = forComponents(
      this.session$.pipe(
        switchMap((session) => session.responses$),
        map((response) => response.status === 'in_progress'),
        startWith(false),
        distinctUntilChanged(),
      ),
    );
    this.currentTranscript$ = forComponents(
      this.session$.pipe(
        // Another listener on the session's socket: all of them share its one connection.
        switchMap(() => this.socket.pipe(transcripts())),
        filter((t) => t.role === 'assistant'),
        map((t) => (t.final ? '' : t.text)),
        startWith(''),
        distinctUntilChanged(),
      ),
    );
    this.errors$ = this.socket.errors$.pipe(takeUntil(this.destroyed$), share());
  }

  /** Opens the connection and configures the session (once); resolves with the handshake. */
  connect(): Promise<SessionReady> {
    if (this.destroyed) return Promise.resolve({ kind: 'closed', end: { kind: 'closed' } });
    if (!this.session) {
      this.session = createRealtimeSession(this.socket, { session: this.config.session });
      this.session$.next(this.session);
    }
    return this.session.ready();
  }

  /** Adds a user message and asks for an answer. Call after `connect()` resolved. */
  say(text: string): void {
    const session = this.connected();
    session.sendText(text);
    session.createResponse();
  }

  /**
   * Stops the answer being produced (bind it to a button shown while `assistantSpeaking$`;
   * with nothing to stop, the server's `response_cancel_not_active` arrives on `errors$`).
   */
  interrupt(): void {
    this.connected().cancelResponse();
  }

  /** Closes the session and the socket and completes every stream. Safe to call twice. */
  ngOnDestroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    // Close first, so components still see the final `closed` state.
    if (this.session) this.session.close();
    else this.socket.close();
    this.destroyed$.next();
    this.destroyed$.complete();
    this.session$.complete();
  }

  private connected(): RealtimeSession {
    if (!this.session || this.destroyed) throw new Error('RealtimeVoiceService: connect() first');
    return this.session;
  }
}

/** A conversation entry as a chat line; items a chat does not show (MCP...) give none. */
function toChatLine(entry: ConversationEntry): ChatLine[] {
  const { id, item, done } = entry;
  const interrupted = entry.truncated !== undefined;
  switch (item.type) {
    case 'message': {
      return [{ id, role: item.role, text: entryText(entry), done, interrupted }];
    }
    case 'function_call':
      return [{ id, role: 'tool', text: `${item.name}(${item.arguments})`, done, interrupted }];
    default:
      return [];
  }
}
