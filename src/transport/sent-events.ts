// The server names the client event behind an `error` by its `event_id` only. Remembering the
// last sent events by id lets `errors$` carry the offending event itself in
// `ServerError.clientEvent`; the window is bounded (least recently sent forgotten first) so a
// long session does not keep every event it ever sent. Audio appends, fifty a second, get a
// window of their own (`sentAudioLimit`): the server answers a bad append at once. Appends made
// by `appendAudio` are remembered as their PCM, copied into slots reused in turn: keeping their
// base64 strings alive for a few hundred milliseconds would move some 60 KB a second per session
// into the old generation, and make the process collect it for every session it hosts.
import { bytesToBase64 } from '../audio/index.js';
import type { ClientEvent } from '../protocol/index.js';

/** The most recently sent client events by `event_id`: `limit` of them, and `audioLimit` appends. */
export class SentEvents {
  private readonly events: RecentSent;
  private readonly appends: RecentSent;

  constructor(
    /** The most events other than audio appends remembered. */
    limit: number,
    /** The most audio appends remembered. */
    audioLimit: number,
  ) {
    this.events = new RecentSent(limit);
    this.appends = new RecentSent(audioLimit);
  }

  /**
   * Remembers a sent event as the newest one; events without an `event_id` are ignored. For an
   * append, `pcm` is the audio its base64 was made from, copied here (the caller may reuse it).
   */
  remember(event: ClientEvent, pcm?: Uint8Array): void {
    const isAppend =
      event.type === 'input_audio_buffer.append' ||
      event.type === 'session.input_audio_buffer.append';
    (isAppend ? this.appends : this.events).remember(event, pcm);
  }

  /** The sent event with this `event_id`, if it is still remembered. */
  find(id: string | null | undefined): ClientEvent | undefined {
    if (id === undefined || id === null) return undefined;
    return this.events.find(id) ?? this.appends.find(id);
  }
}

/** One remembered event: as sent, or (an append made from PCM) its type and id with the PCM. */
interface Slot {
  event: ClientEvent | undefined;
  type: string;
  id: string | undefined;
  pcm: Uint8Array;
  length: number;
}

/**
 * The last `limit` events, in a ring of slots reused in turn: remembering is a few writes, and
 * an append made from PCM copies its bytes into the slot's buffer, so nothing is allocated once
 * the slots have grown to the chunk size. Finding one scans from the newest, only when the
 * server reports an error; an append's base64 is made again then.
 */
class RecentSent {
  private readonly slots: Slot[] = [];
  private next = 0;

  constructor(private readonly limit: number) {}

  remember(event: ClientEvent, pcm: Uint8Array | undefined): void {
    if (!event.event_id || this.limit <= 0) return;
    const slot = (this.slots[this.next] ??= {
      event: undefined,
      type: '',
      id: undefined,
      pcm: new Uint8Array(0),
      length: 0,
    });
    this.next = (this.next + 1) % this.limit;
    slot.event = pcm ? undefined : event;
    slot.type = event.type;
    slot.id = event.event_id;
    if (!pcm) return;
    if (slot.pcm.byteLength < pcm.byteLength) slot.pcm = new Uint8Array(pcm.byteLength);
    slot.pcm.set(pcm);
    slot.length = pcm.byteLength;
  }

  find(id: string): ClientEvent | undefined {
    for (let back = 1; back <= this.slots.length; back += 1) {
      const slot = this.slots[(this.next - back + this.limit) % this.limit];
      if (slot?.id !== id) continue;
      return (
        slot.event ??
        ({
          type: slot.type,
          event_id: id,
          audio: bytesToBase64(slot.pcm.subarray(0, slot.length)),
        } as ClientEvent)
      );
    }
    return undefined;
  }
}
