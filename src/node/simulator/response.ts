import { performance } from 'node:perf_hooks';
import { synthesizeSpeech } from './audio.js';
import type { Conversation, ConversationEntry } from './conversation.js';
import { newId } from './ids.js';
import type { Json, MutableJson, Reply, SimulatorPace } from './types.js';

/** How an in-flight response sends events and reports its end. */
export interface ResponseHost {
  /** Sends one canonical event; `scheduledAt` is when the pacing plan meant it to leave. */
  emit(event: Json, scheduledAt?: number): void;
  /** Called once, after response.done. */
  finished(run: ResponseRun): void;
}

/** The settings one response runs with (session merged with response.create overrides). */
export interface ResponseSettings {
  readonly modality: 'audio' | 'text';
  readonly voice: unknown;
  readonly format: unknown;
  readonly outOfBand: boolean;
  readonly metadata: Json | null;
  readonly conversationId: string;
  readonly pace: SimulatorPace;
}

interface Step {
  readonly at: number;
  readonly run: () => void;
}

const MS_PER_WORD = 400; // about 150 words per minute
const CHUNK_MS = 20;
const CHUNK_BYTES = 960;

/** An item as first announced: model messages start with empty content. */
const announced = (item: Json): Json =>
  Array.isArray(item.content) ? { ...item, content: [] } : { ...item };

const ev = (type: string, fields: Json): Json => ({ type, event_id: newId('event'), ...fields });

/**
 * One response in flight: the full event tree of reference §6, paced by audio time
 * (`realtime` 1x, `fast` 4x, `instant` synchronous), cancellable at any step.
 */
export class ResponseRun {
  readonly id = newId('resp');
  private readonly steps: Step[] = [];
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private done = false;
  private readonly output: MutableJson[] = [];
  private entry: ConversationEntry | undefined;
  private partOpen = false;
  private sentText = '';
  private audioChunks = 0;
  private previousId: string | null = null;
  private readonly factor: number;

  constructor(
    private readonly host: ResponseHost,
    private readonly conversation: Conversation,
    private readonly settings: ResponseSettings,
    private readonly reply: Reply,
  ) {
    this.factor = settings.pace === 'realtime' ? 1 : settings.pace === 'fast' ? 0.25 : 0;
    this.plan();
  }

  /** True until response.done was sent. */
  get active(): boolean {
    return !this.done;
  }

  /** Starts sending (synchronously to the end in `instant` pace). */
  start(): void {
    this.startedAt = performance.now();
    this.pump();
  }

  /** Closes whatever is open and ends the response with status `cancelled`. */
  cancel(reason: 'turn_detected' | 'client_cancelled'): void {
    if (this.done) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.next = this.steps.length;
    this.scheduled = performance.now();
    const entry = this.entry;
    if (entry && entry.item.status === 'in_progress') {
      const item = entry.item;
      if (item.type === 'message' && this.partOpen) this.closePart();
      item.status = 'incomplete';
      this.emitItemDone(item);
    }
    this.finish('cancelled', { type: 'cancelled', reason });
  }

  /** Stops timers without sending anything (the socket is gone). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.done = true;
  }

  private pump(): void {
    this.timer = undefined;
    while (this.next < this.steps.length) {
      const step = this.steps[this.next];
      const due = this.startedAt + step.at * this.factor;
      const now = performance.now();
      if (this.factor > 0 && due > now + 1) {
        this.timer = setTimeout(() => this.pump(), due - now);
        return;
      }
      this.next++;
      this.scheduled = this.factor > 0 ? due : now;
      step.run();
      if (this.done) return;
    }
  }

  private scheduled = 0;

  private emit(type: string, fields: Json): void {
    this.host.emit(ev(type, fields), this.scheduled);
  }

  private base(): Json {
    const entry = this.entry;
    return {
      response_id: this.id,
      item_id: entry ? entry.item.id : '',
      output_index: this.output.length - 1,
    };
  }

  private response(status: string, statusDetails: Json | null, usage: Json | null): Json {
    return {
      object: 'realtime.response',
      id: this.id,
      status,
      status_details: statusDetails,
      output: this.output,
      conversation_id: this.settings.conversationId,
      output_modalities: [this.settings.modality],
      max_output_tokens: 'inf',
      audio: { output: { format: this.settings.format, voice: this.settings.voice } },
      usage,
      metadata: this.settings.metadata,
    };
  }

  private plan(): void {
    const add = (at: number, run: () => void) => this.steps.push({ at, run });
    add(0, () => {
      this.emit('response.created', { response: this.response('in_progress', null, null) });
      this.emit('rate_limits.updated', {
        rate_limits: [
          { name: 'requests', limit: 20000, remaining: 19999, reset_seconds: 0.003 },
          { name: 'tokens', limit: 15000000, remaining: 14994880, reset_seconds: 0.02 },
        ],
      });
    });
    const reply = this.reply;
    let start = 0;
    if (reply.text !== undefined && 'functionCall' in reply) {
      // A spoken preamble: its own message item, done before the call item opens.
      start = this.planMessage(reply.text, 0);
      add(start, () => this.closeItem());
    }
    const end =
      'functionCall' in reply
        ? this.planCall(reply.functionCall, start)
        : this.planMessage(reply.text, 0);
    add(end, () => {
      this.closeItem();
      this.finish('completed', null);
    });
    // Stable sort: transcript and audio deltas interleave by audio time, ties keep plan order.
    this.steps.sort((a, b) => a.at - b.at);
  }

  private openItem(item: MutableJson): void {
    this.entry = { item, audio: [] };
    this.output.push(item);
    if (!this.settings.outOfBand) this.previousId = this.conversation.insert(this.entry) ?? null;
    this.emit('response.output_item.added', {
      response_id: this.id,
      output_index: this.output.length - 1,
      item: announced(item),
    });
    if (!this.settings.outOfBand)
      this.emit('conversation.item.added', {
        previous_item_id: this.previousId,
        item: announced(item),
      });
  }

  /** Plans a message item starting `start` ms into the response; returns when it ends. */
  private planMessage(text: string, start: number): number {
    const audio = this.settings.modality === 'audio';
    const words = text.match(/\s*\S+/g) ?? [text];
    const add = (at: number, run: () => void) => this.steps.push({ at: start + at, run });
    add(0, () => {
      const part = audio
        ? { type: 'output_audio', transcript: '' }
        : { type: 'output_text', text: '' };
      this.openItem({
        id: newId('item'),
        type: 'message',
        status: 'in_progress',
        role: 'assistant',
        content: [part],
      });
      this.partOpen = true;
      this.emit('response.content_part.added', {
        ...this.base(),
        content_index: 0,
        part: audio ? { type: 'audio', transcript: '' } : { type: 'text', text: '' },
      });
    });
    const deltaType = audio
      ? 'response.output_audio_transcript.delta'
      : 'response.output_text.delta';
    const wordMs = audio ? MS_PER_WORD : 30;
    words.forEach((word, i) =>
      add(Math.max(0, i * wordMs - 100), () => {
        this.sentText += word;
        this.setPartText(this.sentText);
        this.emit(deltaType, { ...this.base(), content_index: 0, delta: word });
      }),
    );
    if (!audio) return start + words.length * wordMs;
    const durationMs = Math.max(MS_PER_WORD, words.length * MS_PER_WORD);
    const pcm = synthesizeSpeech(durationMs, text.length);
    for (let offset = 0, k = 0; offset < pcm.length; offset += CHUNK_BYTES, k++) {
      const chunk = pcm.subarray(offset, offset + CHUNK_BYTES);
      add(k * CHUNK_MS, () => {
        this.entry?.audio.push(chunk);
        this.audioChunks++;
        this.emit('response.output_audio.delta', {
          ...this.base(),
          content_index: 0,
          delta: chunk.toString('base64'),
        });
      });
    }
    return start + durationMs;
  }

  private setPartText(text: string): void {
    const content = this.entry?.item.content;
    if (!Array.isArray(content) || !content[0]) return;
    const part = content[0] as MutableJson;
    if (part.type === 'output_audio') part.transcript = text;
    else part.text = text;
  }

  /** The `*.done` events of the open content part (all text sent so far). */
  private closePart(): void {
    const audio = this.settings.modality === 'audio';
    const fields = { ...this.base(), content_index: 0 };
    if (audio) {
      this.emit('response.output_audio.done', fields);
      this.emit('response.output_audio_transcript.done', { ...fields, transcript: this.sentText });
    } else this.emit('response.output_text.done', { ...fields, text: this.sentText });
    this.emit('response.content_part.done', {
      ...fields,
      part: audio
        ? { type: 'audio', transcript: this.sentText }
        : { type: 'text', text: this.sentText },
    });
    this.partOpen = false;
  }

  /** Plans a function-call item starting `start` ms into the response; returns when it ends. */
  private planCall(
    call: { readonly name: string; readonly arguments: Json },
    start: number,
  ): number {
    const args = JSON.stringify(call.arguments);
    const callId = newId('call');
    const add = (at: number, run: () => void) => this.steps.push({ at: start + at, run });
    add(0, () =>
      this.openItem({
        id: newId('item'),
        type: 'function_call',
        status: 'in_progress',
        name: call.name,
        call_id: callId,
        arguments: '',
      }),
    );
    const pieces = args.match(/.{1,6}/gs) ?? [args];
    pieces.forEach((delta, i) =>
      add(i * 20, () => {
        if (this.entry) this.entry.item.arguments = String(this.entry.item.arguments) + delta;
        this.emit('response.function_call_arguments.delta', {
          ...this.base(),
          call_id: callId,
          delta,
        });
      }),
    );
    const end = pieces.length * 20;
    add(end, () =>
      this.emit('response.function_call_arguments.done', {
        ...this.base(),
        call_id: callId,
        name: call.name,
        arguments: args,
      }),
    );
    return start + end;
  }

  /** Ends the open item (closing its content part first). */
  private closeItem(): void {
    if (this.entry && this.entry.item.status === 'in_progress') this.emitItemDone(this.entry.item);
  }

  private emitItemDone(item: MutableJson): void {
    if (item.type === 'message' && this.partOpen) this.closePart();
    if (item.status === 'in_progress') item.status = 'completed';
    this.emit('response.output_item.done', {
      response_id: this.id,
      output_index: this.output.indexOf(item),
      item,
    });
    if (!this.settings.outOfBand)
      this.emit('conversation.item.done', { previous_item_id: this.previousId, item });
  }

  private finish(status: string, details: Json | null): void {
    this.done = true;
    const textTokens = Math.ceil(this.sentText.split(/\s+/).length * 1.3) + 1;
    const audioMs = this.audioChunks * CHUNK_MS;
    const audioTokens = Math.ceil(audioMs / 50);
    const input = 120 + this.conversation.items.length * 10;
    const usage = {
      total_tokens: input + textTokens + audioTokens,
      input_tokens: input,
      output_tokens: textTokens + audioTokens,
      input_token_details: {
        text_tokens: input,
        audio_tokens: 0,
        image_tokens: 0,
        cached_tokens: 0,
        cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
      },
      output_token_details: { text_tokens: textTokens, audio_tokens: audioTokens },
    };
    this.emit('response.done', { response: this.response(status, details, usage) });
    this.host.finished(this);
  }
}
