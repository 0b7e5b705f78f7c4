// The simulator's calls: conversations that exist apart from any one socket. A SIP-like call is
// placed with `sim.placeCall()` and rings until it is accepted; a WebRTC call is registered by
// the WebRTC endpoint, live at once. Sideband sockets (`?call_id=`) attach to a live call: they
// receive every server event of its conversation and their client events steer it.
import { randomBytes } from 'node:crypto';
import { SimulatedConnection, type EventChannel } from './connection.js';
import { newId } from './ids.js';
import { synthesizeSpeech } from './audio.js';
import { mergeSession } from './session-config.js';
import type { Json, SimulatorOptions } from './types.js';

/**
 * Where a call is: ringing (placed, not yet accepted), active (its conversation runs) or ended.
 *
 * @example
 * ```ts
 * import type { CallState } from 'rx-realtime/node';
 * const live = (state: CallState) => state === 'active';
 * ```
 */
export type CallState = 'ringing' | 'active' | 'ended';

/**
 * What the simulator knows about one call, as `sim.call(callId)` reports it.
 *
 * @example
 * ```ts
 * import type { CallInfo } from 'rx-realtime/node';
 * const summary = (call: CallInfo) => `${call.callId}: ${call.state}`;
 * ```
 */
export interface CallInfo {
  /** `rtc_` + 32 hex digits. */
  readonly callId: string;
  /** Ringing, active or ended. */
  readonly state: CallState;
  /** The caller (SIP `From`), when the call was placed with one. */
  readonly from?: string;
  /** The number or address called (SIP `To`), when the call was placed with one. */
  readonly to?: string;
  /** How it ended: rejected, referred (transferred), hung up, or its session closed. */
  readonly endedBy?: 'reject' | 'refer' | 'hangup' | 'closed';
  /** The SIP status of a rejection (603 Decline unless given). */
  readonly rejectedWith?: number;
  /** The `target_uri` of a refer. */
  readonly referredTo?: string;
}

/**
 * Options of `sim.placeCall`: who calls whom, as a SIP trunk reports it.
 *
 * @example
 * ```ts
 * import type { PlaceCallOptions } from 'rx-realtime/node';
 * const options: PlaceCallOptions = { from: 'sip:+14155550100@pstn.example', to: 'sip:+18005550199@sip.api.openai.com' };
 * ```
 */
export interface PlaceCallOptions {
  /** The caller (SIP `From`). */
  readonly from?: string;
  /** The number or address called (SIP `To`). */
  readonly to?: string;
}

/**
 * What the simulated caller does on an active call: press keypad keys (each becomes an
 * `input_audio_buffer.dtmf_event_received` event) and speak (speech-like audio followed by
 * silence, appended to the input buffer, so server VAD commits a turn and a response follows).
 *
 * @example
 * ```ts
 * import type { CallerInput } from 'rx-realtime/node';
 * const input: CallerInput = { dtmf: '1#', speechMs: 800 };
 * ```
 */
export interface CallerInput {
  /** Keys pressed, in order: `0`-`9`, `*`, `#`, `A`-`D`. */
  readonly dtmf?: string;
  /** Milliseconds of speech the caller says. */
  readonly speechMs?: number;
}

/** A socket (or data channel) that carries a call's events. */
export interface CallPeer {
  send(text: string): void;
  close(code: number, reason: string): void;
}

/** Options of {@link registerCall}. */
export interface RegisterCallOptions {
  /** The channel of the client that placed the call (a WebRTC data channel), if any. */
  readonly peer?: CallPeer;
  /** GA session fields the call's conversation starts with, over the simulator's defaults. */
  readonly session?: Json;
}

/** A live call as its registrant sees it. */
export interface LiveCall {
  readonly callId: string;
  /** Feeds one client frame (JSON text) into the call's conversation. */
  deliver(text: string): void;
  /** Ends the call; every attached socket is closed with 1000. */
  end(): void;
}

const DTMF = /^[0-9*#A-D]*$/;

/** Fans a conversation's frames out to every attached peer and remembers its session. */
class CallChannel implements EventChannel {
  private state: 'open' | 'closed' = 'open';
  private readonly peers = new Set<CallPeer>();
  private readonly onClose: Array<() => void> = [];
  private session: unknown;
  /** The conversation that frames from the peers go to. */
  connection: SimulatedConnection | undefined;

  get open(): boolean {
    return this.state === 'open';
  }

  send(text: string): void {
    if (text.startsWith('{"type":"session.')) this.session = (JSON.parse(text) as Json).session;
    for (const peer of this.peers) peer.send(text);
  }

  /** A late peer first gets a `session.created` with the call's current session. */
  attach(peer: CallPeer): void {
    this.peers.add(peer);
    if (this.session !== undefined)
      peer.send(
        JSON.stringify({
          type: 'session.created',
          event_id: newId('event'),
          session: this.session,
        }),
      );
  }

  detach(peer: CallPeer): void {
    this.peers.delete(peer);
  }

  deliver(text: string): void {
    if (this.open) this.connection?.receive(text);
  }

  close(code: number, reason: string): void {
    if (!this.open) return;
    this.state = 'closed';
    this.connection?.dispose();
    for (const peer of this.peers) peer.close(code, reason);
    this.peers.clear();
    for (const listener of this.onClose) listener();
  }

  /** Called once the channel has closed, whoever closed it. */
  whenClosed(listener: () => void): void {
    this.onClose.push(listener);
  }
}

interface Call {
  info: CallInfo;
  channel?: CallChannel;
}

/** Why a call-control request failed: no such call, or a call in the wrong state for it. */
export type CallControlRefusal = 'not_found' | 'not_ringing' | 'not_active';

/** The calls of one simulator. */
export class CallRegistry {
  private readonly calls = new Map<string, Call>();

  constructor(private readonly options: SimulatorOptions) {}

  /** A new ringing call; accept it to start its conversation. */
  place(options: PlaceCallOptions = {}): string {
    const callId = newCallId();
    const { from, to } = options;
    const parties = {
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
    };
    this.calls.set(callId, { info: { callId, state: 'ringing', ...parties } });
    return callId;
  }

  /** A call that is live at once (WebRTC), its conversation started with `options.session`. */
  register(options: RegisterCallOptions = {}): LiveCall {
    const callId = newCallId();
    const call: Call = { info: { callId, state: 'ringing' } };
    this.calls.set(callId, call);
    const channel = this.start(call, options.session ?? {});
    if (options.peer) channel.attach(options.peer);
    return {
      callId,
      deliver: (text) => channel.deliver(text),
      end: () => void this.end(callId, 'hangup', {}),
    };
  }

  info(callId: string): CallInfo | undefined {
    return this.calls.get(callId)?.info;
  }

  accept(callId: string, session: Json): CallControlRefusal | undefined {
    const call = this.calls.get(callId);
    if (!call) return 'not_found';
    if (call.info.state !== 'ringing') return 'not_ringing';
    this.start(call, session);
    return undefined;
  }

  reject(callId: string, statusCode: number): CallControlRefusal | undefined {
    const call = this.calls.get(callId);
    if (!call) return 'not_found';
    if (call.info.state !== 'ringing') return 'not_ringing';
    return this.end(callId, 'reject', { rejectedWith: statusCode });
  }

  refer(callId: string, target: string): CallControlRefusal | undefined {
    return this.end(callId, 'refer', { referredTo: target });
  }

  hangup(callId: string): CallControlRefusal | undefined {
    return this.end(callId, 'hangup', {});
  }

  /** Attaches a sideband peer to a live call; false when there is no such live call. */
  attach(callId: string, peer: CallPeer): { detach(): void; deliver(text: string): void } | false {
    const channel = this.calls.get(callId)?.channel;
    if (!channel?.open) return false;
    channel.attach(peer);
    return { detach: () => channel.detach(peer), deliver: (text) => channel.deliver(text) };
  }

  /** The simulated caller presses keys and speaks; false when the call is not active. */
  callerInput(callId: string, input: CallerInput): boolean {
    const call = this.calls.get(callId);
    const channel = call?.channel;
    if (!call || !channel || call.info.state !== 'active') return false;
    const keys = input.dtmf ?? '';
    if (!DTMF.test(keys)) throw new TypeError(`not DTMF keys: ${JSON.stringify(keys)}`);
    for (const key of keys)
      channel.send(
        JSON.stringify({
          type: 'input_audio_buffer.dtmf_event_received',
          event: key,
          received_at: Math.floor((this.options.clock ?? Date.now)() / 1000),
        }),
      );
    if (input.speechMs !== undefined && input.speechMs > 0) {
      // Speech, then a second of silence so server VAD ends the turn.
      const audio = Buffer.concat([synthesizeSpeech(input.speechMs), Buffer.alloc(48_000)]);
      for (let at = 0; at < audio.length; at += 9600)
        channel.deliver(
          JSON.stringify({
            type: 'input_audio_buffer.append',
            audio: audio.subarray(at, at + 9600).toString('base64'),
          }),
        );
    }
    return true;
  }

  /** Ends every call (the simulator is closing). */
  closeAll(): void {
    for (const callId of this.calls.keys()) this.end(callId, 'closed', {});
  }

  private start(call: Call, session: Json): CallChannel {
    const channel = new CallChannel();
    call.channel = channel;
    call.info = { ...call.info, state: 'active' };
    const merged = mergeSession(this.options.session ?? {}, session);
    channel.connection = new SimulatedConnection(channel, 'ga', {
      ...this.options,
      session: merged,
    });
    // The conversation closing its channel (session expiry, a fault) ends the call.
    channel.whenClosed(() => {
      if (call.info.state !== 'ended')
        call.info = { ...call.info, state: 'ended', endedBy: 'closed' };
    });
    return channel;
  }

  private end(
    callId: string,
    endedBy: NonNullable<CallInfo['endedBy']>,
    extra: Pick<CallInfo, 'rejectedWith' | 'referredTo'>,
  ): CallControlRefusal | undefined {
    const call = this.calls.get(callId);
    if (!call) return 'not_found';
    if (call.info.state === 'ended') return 'not_active';
    call.info = { ...call.info, ...extra, state: 'ended', endedBy };
    call.channel?.close(1000, 'call ended');
    return undefined;
  }
}

function newCallId(): string {
  return `rtc_${randomBytes(16).toString('hex')}`;
}

/**
 * Registers a call that is live at once, as the simulator's WebRTC endpoint does for each
 * answered offer: its conversation starts with `options.session`, frames go to `options.peer`
 * and to every sideband socket attached with `?call_id=`.
 *
 * ```ts
 * const call = registerCall(registry, { peer: dataChannelPeer, session });
 * dataChannel.on('message', (text) => call.deliver(text));
 * ```
 */
export function registerCall(registry: CallRegistry, options: RegisterCallOptions = {}): LiveCall {
  return registry.register(options);
}
