/**
 * The live timeline on the terminal: permanent lines stamped with the seconds since start,
 * and on a TTY one status line at the bottom (streaming transcripts, audio progress) that is
 * redrawn in place. Without a TTY (CI, pipes) only the permanent lines are written, and
 * progress is printed once a second.
 */
import { performance } from 'node:perf_hooks';

export interface Terminal {
  /** Seconds since the start, as shown in the margin. */
  elapsed(): number;
  /** A permanent line. */
  line(text: string): void;
  /** The redrawn status line (ignored without a TTY unless `everySecond` allows it). */
  status(text: string, key?: string): void;
  /** Clears the status line. */
  clearStatus(): void;
}

export function terminal(out: NodeJS.WriteStream = process.stdout): Terminal {
  const started = performance.now();
  const tty = out.isTTY === true;
  const width = () => Math.max(40, (out.columns ?? 100) - 1);
  let shown = '';
  const lastPrinted = new Map<string, number>();
  const elapsed = () => (performance.now() - started) / 1000;
  const stamp = () => `${elapsed().toFixed(2).padStart(6)}s  `;
  const clear = () => {
    if (tty && shown) out.write('\r\x1b[2K');
    shown = '';
  };
  return {
    elapsed,
    line(text) {
      const status = shown;
      clear();
      out.write(`${stamp()}${text}\n`);
      if (status) out.write(status);
      shown = status;
    },
    status(text, key = 'status') {
      if (tty) return redraw(stamp(), text);
      // Without a TTY, a progress line per second and per key is enough.
      const second = Math.floor(elapsed());
      if (lastPrinted.get(key) === second) return;
      lastPrinted.set(key, second);
      out.write(`${stamp()}${text}\n`);
    },
    clearStatus: clear,
  };

  /** Redraws the status line; a long text keeps its end (the latest words). */
  function redraw(prefix: string, text: string): void {
    const room = width() - prefix.length;
    const fitted = prefix + (text.length > room ? `…${text.slice(text.length - room + 1)}` : text);
    out.write(`\r\x1b[2K${fitted}`);
    shown = fitted;
  }
}
