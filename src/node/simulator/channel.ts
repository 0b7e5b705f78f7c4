// What a simulated session talks through: a `ws` socket, or a call's fan-out to the sockets
// attached to it (and, for WebRTC, its data channel). Only what `SimulatedConnection` uses.

/** A bidirectional text channel with the part of the `ws` WebSocket API the simulator uses. */
export interface SimulatorChannel {
  /** `OPEN` while frames can be sent. */
  readonly readyState: number;
  /** The value of `readyState` while open. */
  readonly OPEN: number;
  send(text: string): void;
  close(code: number, reason: string): void;
  /** Drops the channel without a close frame (an abnormal close, 1006). */
  terminate(): void;
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}
