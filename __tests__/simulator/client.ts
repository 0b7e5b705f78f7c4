import WebSocket from 'ws';
import { createServerEventDecoder, type Dialect } from '../../src/protocol/index.js';

/** A plain `ws` client that records every frame and checks it decodes in its dialect. */
export class TestClient {
  readonly frames: Record<string, unknown>[] = [];
  readonly decodeErrors: string[] = [];
  readonly raw: string[] = [];
  closeCode: number | undefined;
  private waiters: (() => void)[] = [];
  private readonly decoder;

  constructor(
    readonly ws: WebSocket,
    readonly dialect: Dialect,
  ) {
    this.decoder = createServerEventDecoder(dialect);
    ws.on('message', (data) => {
      const text = String(data);
      this.raw.push(text);
      try {
        this.frames.push(JSON.parse(text) as Record<string, unknown>);
        const decoded = this.decoder.decodeFrame(text);
        if (decoded._tag === 'Left') this.decodeErrors.push(decoded.left.message);
      } catch {
        this.frames.push({ type: '<malformed>' });
      }
      this.waiters.forEach((w) => w());
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.waiters.forEach((w) => w());
    });
  }

  static open(
    url: string,
    dialect: Dialect = 'ga',
    headers: Record<string, string> = {},
  ): Promise<TestClient> {
    const ws = new WebSocket(url, {
      headers: dialect === 'beta' ? { 'OpenAI-Beta': 'realtime=v1', ...headers } : headers,
    });
    const client = new TestClient(ws, dialect);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  send(event: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(event));
  }

  types(): string[] {
    return this.frames.map((f) => String(f.type));
  }

  /** Waits (at most `ms`) until `predicate` holds over the frames so far. */
  until(predicate: (frames: Record<string, unknown>[]) => boolean, ms = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate(this.frames) || this.closeCode !== undefined) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out; got ${this.types().join(', ')}`));
      }, ms);
      this.waiters.push(check);
      check();
    });
  }

  count(type: string): number {
    return this.frames.filter((f) => f.type === type).length;
  }

  untilCount(type: string, n: number, ms?: number): Promise<void> {
    return this.until(() => this.count(type) >= n, ms);
  }

  close(): void {
    this.ws.terminate();
  }
}
