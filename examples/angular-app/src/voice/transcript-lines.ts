/**
 * The live transcript as lines: each `Transcript` value from the library's `transcripts()`
 * carries the whole text of its part so far, so a line is replaced, not appended to.
 */
import type { Transcript } from 'rx-realtime';

/** One line of the transcript, user or assistant, growing until `final`. */
export interface TranscriptLine {
  /** Stable per content part, for `@for (...; track line.key)`. */
  readonly key: string;
  readonly role: Transcript['role'];
  readonly text: string;
  readonly final: boolean;
}

/**
 * The lines with one transcript value in: its line replaced in place, or a new line at the end.
 *
 * @example
 * ```ts
 * socket.pipe(transcripts(), scan(addTranscript, [] as readonly TranscriptLine[]));
 * ```
 */
export function addTranscript(
  lines: readonly TranscriptLine[],
  transcript: Transcript,
): readonly TranscriptLine[] {
  const key = `${transcript.itemId}/${transcript.contentIndex}`;
  const line: TranscriptLine = {
    key,
    role: transcript.role,
    text: transcript.text,
    final: transcript.final,
  };
  const at = lines.findIndex((l) => l.key === key);
  return at === -1 ? [...lines, line] : lines.map((l, i) => (i === at ? line : l));
}
