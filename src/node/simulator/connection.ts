import { performance } from 'node:perf_hooks';
import type { Dialect } from '../../protocol/index.js';
import { bytesPerMs, encodingOf } from './audio.js';
import { Conversation } from './conversation.js';
import { errorEvent } from './errors.js';
import { newId } from './ids.js';
import { ResponseRun, type ResponseHost } from './response.js';
import { DEFAULT_TRANSCRIPT, defaultScript } from './script.js';
import { defaultSession, mergeSession } from './session-config.js';
import type { Json, MutableJson, SimulatorOptions } from './types.js';
import { checkClientFrame } from './validate.js';
import { EnergyVad } from './vad.js';
import { toWire } from './wire.js';

/**
 * The pipe one simulated session speaks through: a WebSocket, or a WebRTC data channel. Frames
 * coming in are handed to {@link SimulatedConnection.receive}; its end to `dispose()`.
 */
export interface EventChannel {
  /** Whether frames can be sent. */
  readonly open: boolean;
  /** Sends one text frame. */
  send(text: string): void;
  /** Closes with a code and reason (1005/1006: drops the connection without a close frame). */
  close(code: number, reason: string): void;
}

/** What was playing when the output audio was cut, to truncate the item server-side. */
export interface PlayedAudio {
  readonly responseId: string;
  readonly itemId: string;
  readonly contentIndex: number;
  /** Milliseconds of the item's audio that were played. */
  readonly playedMs: number;
}

/**
 * Where response audio goes when it travels as a media track (WebRTC) instead of as
 * `response.output_audio.delta` events: the outlet plays it and reports
 * `output_audio_buffer.*` itself.
 */
export interface AudioOutlet {
  /** Queues one chunk of PCM16 24 kHz audio of an item for playback. */
  play(chunk: Omit<PlayedAudio, 'playedMs'> & { readonly pcm: Buffer }): void;
  /** No more audio will come for this response (it ended). */
  finish(responseId: string): void;
  /** Drops what is queued and stops at once; what was playing, if anything was. */
  clear(): PlayedAudio | undefined;
  /** Stops every timer. */
  dispose(): void;
}

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ev = (type: string, fields: Json): Json => ({ type, event_id: newId('event'), ...fields });

/** One simulated Realtime session on one channel (a socket, or a call's attached sockets). */
export class SimulatedConnection implements ResponseHost {
  private session: MutableJson;
  private readonly conversation = new Conversation();
  private readonly conversationId = newId('conv');
  private active: ResponseRun | undefined;
  private closed = false;
  private sent = 0;
  private deltas = 0;
  private malformedSent = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  // Input audio: all bytes appended since the last commit/clear, and session-wide offsets.
  private buffer: Buffer[] = [];
  private bufferBytes = 0;
  private bufferStartMs = 0;
  private totalBytes = 0;
  private vad: EnergyVad | undefined;
  private vadKey = '';
  private speechItemId = '';
  private lastUserText: string | null = null;

  constructor(
    private readonly channel: EventChannel,
    private readonly dialect: Dialect,
    private readonly options: SimulatorOptions,
    /** Present when response audio travels as a media track. */
    private readonly outlet?: AudioOutlet,
  ) {
    const expiresAfter = options.sessionExpiresAfterMs;
    const expiresAt = Math.floor(Date.now() / 1000) + Math.ceil((expiresAfter ?? 1_800_000) / 1000);
    this.session = mergeSession(
      defaultSession(newId('sess'), dialect, expiresAt),
      options.session ?? {},
    );
    this.refreshVad();
    this.emit(ev('session.created', { session: this.session }));
    if (expiresAfter !== undefined) {
      this.later(expiresAfter, () => {
        this.emit(
          errorEvent(
            'session_expired',
            `Your session hit the maximum duration of ${expiresAfter} ms.`,
            null,
          ),
        );
        this.shut(1000, 'session expired');
      });
    }
  }

  // ---- sending -------------------------------------------------------------------------

  /** Sends one canonical event in the connection's dialect, applying the fault options. */
  emit(event: Json, scheduledAt = performance.now()): void {
    if (this.closed) return;
    if (this.outlet && this.divertAudio(this.outlet, event)) return;
    const wire = toWire(event, this.dialect);
    if (!wire) return;
    const text = JSON.stringify(wire);
    const delay = this.options.faults?.delayFramesMs ?? 0;
    if (delay > 0) this.later(delay, () => this.send(text, wire, scheduledAt + delay));
    else this.send(text, wire, scheduledAt);
  }

  /** With an outlet, response audio goes to it instead of the wire; true when `event` went there. */
  private divertAudio(outlet: AudioOutlet, event: Json): boolean {
    if (event.type === 'response.done' && isJson(event.response))
      outlet.finish(String(event.response.id));
    if (event.type !== 'response.output_audio.delta') return false;
    outlet.play({
      responseId: String(event.response_id),
      itemId: String(event.item_id),
      contentIndex: Number(event.content_index),
      pcm: Buffer.from(String(event.delta), 'base64'),
    });
    return true;
  }

  finished(run: ResponseRun): void {
    if (this.active === run) this.active = undefined;
  }

  private send(text: string, wire: Json, scheduledAt: number): void {
    if (this.closed || !this.channel.open) return;
    this.channel.send(text);
    this.sent++;
    this.options.onFrameSent?.({
      type: String(wire.type),
      eventId: String(wire.event_id),
      scheduledAt,
      sentAt: performance.now(),
    });
    const faults = this.options.faults;
    if (!faults) return;
    if (faults.malformedFrameAfterEvents === this.sent && !this.malformedSent) {
      this.malformedSent = true;
      this.channel.send('{"type":"response.output_text.delta","delta":');
    }
    const type = String(wire.type);
    if (type.startsWith('response.') && type.endsWith('.delta')) this.deltas++;
    const mid = faults.closeMidResponse;
    if (mid && this.deltas >= (mid.afterDeltas ?? 1))
      return this.shut(mid.code ?? 1011, mid.reason ?? 'simulated fault');
    const after = faults.closeAfterEvents;
    if (after && this.sent >= after.count)
      this.shut(after.code ?? 1011, after.reason ?? 'simulated fault');
  }

  private shut(code: number, reason: string): void {
    if (this.closed) return;
    this.dispose();
    this.channel.close(code, reason);
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  /** Stops every timer; nothing is sent afterwards. */
  dispose(): void {
    this.closed = true;
    this.outlet?.dispose();
    this.active?.dispose();
    this.active = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  // ---- receiving -----------------------------------------------------------------------

  /** One text frame from the client. */
  receive(text: string): void {
    if (this.closed) return;
    const checked = checkClientFrame(text, this.dialect);
    if (!checked.ok) return this.emit(checked.error);
    const event = checked.event;
    const eventId = typeof event.event_id === 'string' ? event.event_id : null;
    switch (event.type) {
      case 'session.update':
        return this.updateSession(event.session as Json);
      case 'input_audio_buffer.append':
        return this.append(Buffer.from(String(event.audio), 'base64'));
      case 'input_audio_buffer.commit':
        return this.commitManually(eventId);
      case 'input_audio_buffer.clear':
        return this.clearBuffer();
      case 'conversation.item.create':
        return this.createItem(event.item as Json, event.previous_item_id, eventId);
      case 'conversation.item.delete':
        return this.deleteItem(String(event.item_id), eventId);
      case 'conversation.item.retrieve':
        return this.retrieveItem(String(event.item_id), eventId);
      case 'conversation.item.truncate':
        return this.truncate(event, eventId);
      case 'response.create':
        return this.createResponse(isJson(event.response) ? event.response : {}, eventId);
      case 'response.cancel':
        return this.cancelResponse(event.response_id, eventId);
      case 'output_audio_buffer.clear':
        // Only media-track playback has a server-side buffer; over WebSocket it is a no-op.
        return this.clearOutput();
      default:
        return;
    }
  }

  private updateSession(update: Json): void {
    this.session = mergeSession(this.session, update);
    this.refreshVad();
    this.emit(ev('session.updated', { session: this.session }));
  }

  private input(): Json {
    const audio = isJson(this.session.audio) ? this.session.audio : {};
    return isJson(audio.input) ? audio.input : {};
  }

  private output(): Json {
    const audio = isJson(this.session.audio) ? this.session.audio : {};
    return isJson(audio.output) ? audio.output : {};
  }

  private turnDetection(): Json | null {
    const td = this.input().turn_detection;
    return isJson(td) ? td : null;
  }

  private inputBytesPerMs(): number {
    return bytesPerMs(encodingOf(this.input().format));
  }

  /** Rebuilds the detector when the VAD settings or input format change. */
  private refreshVad(): void {
    const td = this.turnDetection();
    const key = JSON.stringify([td, this.input().format]);
    if (key === this.vadKey) return;
    this.vadKey = key;
    const totalMs = this.totalBytes / this.inputBytesPerMs();
    this.vad = td
      ? new EnergyVad(
          {
            threshold: typeof td.threshold === 'number' ? td.threshold : 0.5,
            prefixPaddingMs: typeof td.prefix_padding_ms === 'number' ? td.prefix_padding_ms : 300,
            silenceDurationMs:
              typeof td.silence_duration_ms === 'number' ? td.silence_duration_ms : 500,
          },
          encodingOf(this.input().format),
          totalMs,
        )
      : undefined;
  }

  /**
   * Input audio: what `input_audio_buffer.append` carries, or the decoded microphone track
   * (PCM16 24 kHz) on WebRTC.
   */
  appendAudio(bytes: Buffer): void {
    if (!this.closed) this.append(bytes);
  }

  private append(bytes: Buffer): void {
    this.buffer.push(bytes);
    this.bufferBytes += bytes.length;
    this.totalBytes += bytes.length;
    if (!this.vad) return;
    for (const vadEvent of this.vad.push(bytes)) {
      if (vadEvent.type === 'speech_started') {
        this.speechItemId = newId('item');
        this.emit(
          ev('input_audio_buffer.speech_started', {
            audio_start_ms: vadEvent.audioStartMs,
            item_id: this.speechItemId,
          }),
        );
        if (this.turnDetection()?.interrupt_response !== false) {
          this.active?.cancel('turn_detected');
          this.clearOutput();
        }
      } else {
        this.emit(
          ev('input_audio_buffer.speech_stopped', {
            audio_end_ms: vadEvent.audioEndMs,
            item_id: this.speechItemId,
          }),
        );
        this.commit(this.speechItemId, vadEvent.audioEndMs, true);
      }
    }
  }

  /** Takes the buffered audio up to `endMs` (session offset) out of the buffer. */
  private takeAudio(endMs: number): Buffer {
    const all = Buffer.concat(this.buffer);
    const cut = Math.min(
      all.length,
      Math.max(0, Math.round((endMs - this.bufferStartMs) * this.inputBytesPerMs())),
    );
    const rest = Buffer.from(all.subarray(cut));
    this.buffer = rest.length ? [rest] : [];
    this.bufferBytes = rest.length;
    this.bufferStartMs = endMs;
    return all.subarray(0, cut);
  }

  private commitManually(eventId: string | null): void {
    const ms = this.bufferBytes / this.inputBytesPerMs();
    if (ms < 100) {
      return this.emit(
        errorEvent(
          'input_audio_buffer_commit_empty',
          `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has ${ms.toFixed(2)}ms of audio.`,
          eventId,
        ),
      );
    }
    this.commit(newId('item'), this.totalBytes / this.inputBytesPerMs(), false);
    this.refreshVadAfterCommit();
  }

  private refreshVadAfterCommit(): void {
    this.vadKey = '';
    this.refreshVad();
  }

  private commit(itemId: string, endMs: number, auto: boolean): void {
    const audio = this.takeAudio(endMs);
    const item: MutableJson = {
      id: itemId,
      type: 'message',
      status: 'completed',
      role: 'user',
      content: [{ type: 'input_audio', transcript: null }],
    };
    const previous = this.conversation.insert({ item, audio: [audio] }) ?? null;
    this.emit(ev('input_audio_buffer.committed', { previous_item_id: previous, item_id: itemId }));
    this.emit(ev('conversation.item.added', { previous_item_id: previous, item: { ...item } }));
    this.emit(ev('conversation.item.done', { previous_item_id: previous, item: { ...item } }));
    const script = this.options.script ?? defaultScript;
    const transcript =
      script({ conversation: this.conversation.items, tools: [], lastUserText: null }).transcript ??
      DEFAULT_TRANSCRIPT;
    this.lastUserText = transcript;
    item.content = [{ type: 'input_audio', transcript }];
    const transcription = this.input().transcription;
    if (isJson(transcription)) {
      const pieces =
        transcription.model === 'whisper-1' ? [transcript] : (transcript.match(/\s*\S+/g) ?? []);
      for (const delta of pieces)
        this.emit(
          ev('conversation.item.input_audio_transcription.delta', {
            item_id: itemId,
            content_index: 0,
            delta,
          }),
        );
      this.emit(
        ev('conversation.item.input_audio_transcription.completed', {
          item_id: itemId,
          content_index: 0,
          transcript,
          ...(this.dialect === 'ga'
            ? {
                usage: {
                  type: 'tokens',
                  total_tokens: 25,
                  input_tokens: 15,
                  input_token_details: { text_tokens: 0, audio_tokens: 15 },
                  output_tokens: 10,
                },
              }
            : {}),
        }),
      );
    }
    const transcribing = this.session.type === 'transcription';
    if (auto && !transcribing && this.turnDetection()?.create_response !== false && !this.active)
      this.createResponse({}, null);
  }

  private clearBuffer(): void {
    this.buffer = [];
    this.bufferBytes = 0;
    this.bufferStartMs = this.totalBytes / this.inputBytesPerMs();
    this.refreshVadAfterCommit();
    this.emit(ev('input_audio_buffer.cleared', {}));
  }

  private createItem(raw: Json, previousItemId: unknown, eventId: string | null): void {
    const id = typeof raw.id === 'string' ? raw.id : newId('item');
    if (this.conversation.find(id))
      return this.emit(
        errorEvent('invalid_value', `Item with id '${id}' already exists.`, eventId, 'item.id'),
      );
    const audio: Buffer[] = [];
    const content = Array.isArray(raw.content)
      ? raw.content.map((c: unknown) => {
          if (!isJson(c)) return c;
          if (c.type === 'input_audio' && typeof c.audio === 'string') {
            audio.push(Buffer.from(c.audio, 'base64'));
            const { audio: _audio, ...rest } = c;
            return { transcript: null, ...rest };
          }
          return c;
        })
      : undefined;
    const item: MutableJson = { ...raw, id, status: raw.status ?? 'completed' };
    if (content) item.content = content;
    const previous = this.conversation.insert(
      { item, audio },
      typeof previousItemId === 'string' ? previousItemId : undefined,
    );
    if (previous === undefined)
      return this.emit(
        errorEvent(
          'item_not_found',
          `Error adding item: the previous item with id '${String(previousItemId)}' does not exist.`,
          eventId,
          'previous_item_id',
        ),
      );
    if (item.type === 'message' && item.role === 'user' && Array.isArray(content)) {
      const text = content
        .map((c) => (isJson(c) && typeof c.text === 'string' ? c.text : ''))
        .join(' ')
        .trim();
      if (text) this.lastUserText = text;
    }
    this.emit(ev('conversation.item.added', { previous_item_id: previous, item }));
    this.emit(ev('conversation.item.done', { previous_item_id: previous, item }));
  }

  private notFound(verb: string, id: string, eventId: string | null): void {
    this.emit(
      errorEvent(
        'item_not_found',
        `Error ${verb} item: the item with id '${id}' does not exist.`,
        eventId,
        'item_id',
      ),
    );
  }

  private deleteItem(id: string, eventId: string | null): void {
    if (!this.conversation.remove(id)) return this.notFound('deleting', id, eventId);
    this.emit(ev('conversation.item.deleted', { item_id: id }));
  }

  private retrieveItem(id: string, eventId: string | null): void {
    const entry = this.conversation.find(id);
    if (!entry) return this.notFound('retrieving', id, eventId);
    const bytes = Buffer.concat(entry.audio);
    const item: MutableJson = { ...entry.item };
    if (Array.isArray(item.content) && bytes.length > 0)
      item.content = item.content.map((c: unknown) =>
        isJson(c) && (c.type === 'input_audio' || c.type === 'output_audio')
          ? { ...c, audio: bytes.toString('base64') }
          : c,
      );
    this.emit(ev('conversation.item.retrieved', { item }));
  }

  /**
   * Media-track playback only: drops the queued audio and, since the server knows what was
   * played, truncates the item itself (reference §7.6).
   */
  private clearOutput(): void {
    const played = this.outlet?.clear();
    if (!played) return;
    this.emit(ev('output_audio_buffer.cleared', { response_id: played.responseId }));
    this.truncateItem(played.itemId, played.contentIndex, Math.floor(played.playedMs), null);
  }

  private truncate(event: Json, eventId: string | null): void {
    this.truncateItem(
      String(event.item_id),
      Number(event.content_index),
      Number(event.audio_end_ms),
      eventId,
    );
  }

  private truncateItem(id: string, index: number, endMs: number, eventId: string | null): void {
    const entry = this.conversation.find(id);
    if (!entry) return this.notFound('truncating', id, eventId);
    const content = Array.isArray(entry.item.content) ? entry.item.content : [];
    const part = content[index] as MutableJson | undefined;
    if (entry.item.role !== 'assistant' || !part || part.type !== 'output_audio')
      return this.emit(
        errorEvent(
          'invalid_value',
          'Only the audio content of an assistant message can be truncated.',
          eventId,
          'content_index',
        ),
      );
    const bytes = Buffer.concat(entry.audio);
    // Assistant audio is always generated as PCM16 24 kHz: 48 bytes per ms.
    const audioMs = bytes.length / 48;
    if (endMs > audioMs)
      return this.emit(
        errorEvent(
          'invalid_value',
          `Audio content of ${Math.round(audioMs)}ms is already shorter than ${endMs}ms`,
          eventId,
          'audio_end_ms',
        ),
      );
    entry.audio = [Buffer.from(bytes.subarray(0, Math.round(endMs * 48)))];
    part.transcript = '';
    this.emit(
      ev('conversation.item.truncated', { item_id: id, content_index: index, audio_end_ms: endMs }),
    );
  }

  private createResponse(params: Json, eventId: string | null): void {
    if (this.active)
      return this.emit(
        errorEvent(
          'conversation_already_has_active_response',
          `Conversation already has an active response in progress: ${this.active.id}. Wait until the response is finished before creating a new one.`,
          eventId,
        ),
      );
    const modalities = Array.isArray(params.output_modalities)
      ? params.output_modalities
      : Array.isArray(this.session.output_modalities)
        ? this.session.output_modalities
        : ['audio'];
    const audioParams =
      isJson(params.audio) && isJson(params.audio.output) ? params.audio.output : {};
    const tools = (
      Array.isArray(params.tools)
        ? params.tools
        : Array.isArray(this.session.tools)
          ? this.session.tools
          : []
    ).filter((tool): tool is Json => isJson(tool) && tool.type === 'function');
    const script = this.options.script ?? defaultScript;
    const reply = script({
      conversation: this.conversation.items,
      tools,
      lastUserText: this.lastUserText,
    });
    const run = new ResponseRun(
      this,
      this.conversation,
      {
        modality: modalities.includes('audio') ? 'audio' : 'text',
        voice: audioParams.voice ?? this.output().voice,
        format: this.output().format,
        outOfBand: params.conversation === 'none',
        metadata: isJson(params.metadata) ? params.metadata : null,
        conversationId: this.conversationId,
        pace: this.options.pace ?? 'fast',
      },
      reply,
    );
    this.active = run;
    run.start();
  }

  private cancelResponse(responseId: unknown, eventId: string | null): void {
    const run = this.active;
    if (!run || (typeof responseId === 'string' && responseId !== run.id))
      return this.emit(
        errorEvent(
          'response_cancel_not_active',
          'Cancellation failed: no active response found',
          eventId,
        ),
      );
    run.cancel('client_cancelled');
  }
}
