import { Observable, Subject, tap, type OperatorFunction } from 'rxjs';
import { decodeBase64 } from '../audio/index.js';
import type { ServerEvent } from '../protocol/index.js';
import { finishCutResponses } from './finishCutResponses.js';
import { partKey } from './internal.js';

/**
 * Streams of one text content part.
 *
 * @example
 * ```ts
 * import type { TextPartStream } from 'rx-realtime';
 * declare const part: TextPartStream;
 * part.text$.subscribe((delta) => console.log(delta));
 * ```
 */
export interface TextPartStream {
  /** A text part. */
  readonly kind: 'text';
  /** The response the part belongs to. */
  readonly responseId: string;
  /** The output item the part belongs to. */
  readonly itemId: string;
  /** The item's position in the response output. */
  readonly outputIndex: number;
  /** The part's position in the item content. */
  readonly contentIndex: number;
  /** Text deltas; completes at `response.output_text.done`. */
  readonly text$: Observable<string>;
}

/**
 * Streams of one audio content part.
 *
 * @example
 * ```ts
 * import type { AudioPartStream } from 'rx-realtime';
 * declare const part: AudioPartStream;
 * part.audio$.subscribe((chunk) => console.log(chunk.byteLength));
 * ```
 */
export interface AudioPartStream {
  /** An audio part (with its transcript). */
  readonly kind: 'audio';
  /** The response the part belongs to. */
  readonly responseId: string;
  /** The output item the part belongs to. */
  readonly itemId: string;
  /** The item's position in the response output. */
  readonly outputIndex: number;
  /** The part's position in the item content. */
  readonly contentIndex: number;
  /** Transcript deltas; completes at `response.output_audio_transcript.done`. */
  readonly transcript$: Observable<string>;
  /** Decoded audio chunks; completes at `response.output_audio.done`. */
  readonly audio$: Observable<Uint8Array>;
}

/**
 * The streams of one content part.
 *
 * @example
 * ```ts
 * import type { PartStream } from 'rx-realtime';
 * const captions = (p: PartStream) => (p.kind === 'text' ? p.text$ : p.transcript$);
 * ```
 */
export type PartStream = TextPartStream | AudioPartStream;

/**
 * One response as a stream of its content parts.
 *
 * @example
 * ```ts
 * import { mergeMap } from 'rxjs';
 * import type { ResponseStream } from 'rx-realtime';
 * declare const response: ResponseStream;
 * response.parts$.pipe(mergeMap((p) => (p.kind === 'audio' ? p.audio$ : []))).subscribe();
 * ```
 */
export interface ResponseStream {
  /** The id of `response.created`. */
  readonly responseId: string;
  /** One value per content part, in the order the parts start; completes at `response.done`. */
  readonly parts$: Observable<PartStream>;
}

interface OpenPart {
  readonly kind: 'text' | 'audio';
  readonly text: Subject<string>;
  readonly audio: Subject<Uint8Array> | undefined;
}

interface OpenResponse {
  readonly parts: Subject<PartStream>;
  readonly open: Map<string, OpenPart>;
}

/**
 * Splits the server events into one {@link ResponseStream} per response, each a stream of
 * {@link PartStream}s whose inner observables carry the text deltas, transcript deltas and
 * decoded audio chunks of one content part, for playback or live captions.
 *
 * Late subscribers: all the inner observables are hot and do not replay (replaying would
 * keep every audio chunk in memory). Subscribe synchronously when the value arrives, e.g.
 * inside `mergeMap`/`concatMap`, to see every delta; a subscriber arriving after the
 * matching `.done` just receives `complete`. Each inner stream completes at its `.done`
 * (or at the part's `content_part.done`, or at `response.done`, whichever comes first).
 * When the source completes or errors, every open inner stream completes or errors too;
 * when the result is unsubscribed, the open inner streams complete.
 *
 * Deltas of parts or responses never announced (stream joined midway) open them on the fly.
 * An audio delta that is not valid base64 is skipped (`assembleResponses` reports it).
 *
 * @example
 * ```ts
 * import { mergeMap, type Observable } from 'rxjs';
 * import { responseStreams, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * declare function play(chunk: Uint8Array): void;
 * events$
 *   .pipe(
 *     responseStreams(),
 *     mergeMap((response) => response.parts$),
 *     mergeMap((part) => (part.kind === 'audio' ? part.audio$ : [])),
 *   )
 *   .subscribe(play);
 * ```
 */
export function responseStreams(): OperatorFunction<ServerEvent, ResponseStream> {
  return (source) =>
    new Observable<ResponseStream>((subscriber) => {
      const responses = new Map<string, OpenResponse>();

      const responseFor = (id: string): OpenResponse => {
        const known = responses.get(id);
        if (known) return known;
        const r: OpenResponse = { parts: new Subject<PartStream>(), open: new Map() };
        responses.set(id, r);
        subscriber.next(Object.freeze({ responseId: id, parts$: r.parts.asObservable() }));
        return r;
      };

      const partFor = (
        responseId: string,
        itemId: string,
        outputIndex: number,
        contentIndex: number,
        kind: 'text' | 'audio',
      ): OpenPart => {
        const r = responseFor(responseId);
        const key = partKey(itemId, contentIndex);
        const known = r.open.get(key);
        if (known) return known;
        const p: OpenPart = {
          kind,
          text: new Subject<string>(),
          audio: kind === 'audio' ? new Subject<Uint8Array>() : undefined,
        };
        r.open.set(key, p);
        const base = { responseId, itemId, outputIndex, contentIndex };
        r.parts.next(
          p.audio
            ? Object.freeze({
                ...base,
                kind: 'audio' as const,
                transcript$: p.text.asObservable(),
                audio$: p.audio.asObservable(),
              })
            : Object.freeze({ ...base, kind: 'text' as const, text$: p.text.asObservable() }),
        );
        return p;
      };

      const closePart = (responseId: string, itemId: string, contentIndex: number): void => {
        const r = responses.get(responseId);
        const key = partKey(itemId, contentIndex);
        const p = r?.open.get(key);
        if (!r || !p) return;
        p.text.complete();
        p.audio?.complete();
        r.open.delete(key);
      };

      const closeAll = (err?: { readonly error: unknown }): void => {
        for (const r of responses.values()) {
          for (const p of r.open.values()) {
            if (err) {
              p.text.error(err.error);
              p.audio?.error(err.error);
            } else {
              p.text.complete();
              p.audio?.complete();
            }
          }
          if (err) r.parts.error(err.error);
          else r.parts.complete();
        }
        responses.clear();
      };

      const route = (e: ServerEvent): void => {
        switch (e.type) {
          case 'response.created':
            if (e.response.id !== undefined) responseFor(e.response.id);
            return;
          case 'response.content_part.added': {
            const kind = e.part.type === 'audio' ? 'audio' : 'text';
            partFor(e.response_id, e.item_id, e.output_index, e.content_index, kind);
            return;
          }
          case 'response.output_text.delta':
          case 'response.output_audio_transcript.delta': {
            const kind = e.type === 'response.output_text.delta' ? 'text' : 'audio';
            partFor(e.response_id, e.item_id, e.output_index, e.content_index, kind).text.next(
              e.delta,
            );
            return;
          }
          case 'response.output_audio.delta': {
            const part = partFor(
              e.response_id,
              e.item_id,
              e.output_index,
              e.content_index,
              'audio',
            );
            const bytes = decodeBase64(e.delta);
            // Not base64: nothing playable (`assembleResponses` reports it as an issue).
            if (bytes._tag === 'Right') part.audio?.next(bytes.right);
            return;
          }
          case 'response.output_text.done':
          case 'response.output_audio_transcript.done':
            responses
              .get(e.response_id)
              ?.open.get(partKey(e.item_id, e.content_index))
              ?.text.complete();
            return;
          case 'response.output_audio.done':
            responses
              .get(e.response_id)
              ?.open.get(partKey(e.item_id, e.content_index))
              ?.audio?.complete();
            return;
          case 'response.content_part.done':
            closePart(e.response_id, e.item_id, e.content_index);
            return;
          case 'response.done': {
            const id = e.response.id;
            const r = id === undefined ? undefined : responses.get(id);
            if (!r || id === undefined) return;
            for (const p of r.open.values()) {
              p.text.complete();
              p.audio?.complete();
            }
            r.parts.complete();
            responses.delete(id);
            return;
          }
          default:
            return;
        }
      };

      // `tap` forwards an exception raised while routing an event as the output's error.
      const subscription = source.pipe(finishCutResponses(), tap(route)).subscribe({
        error: (error: unknown) => {
          closeAll({ error });
          subscriber.error(error);
        },
        complete: () => {
          closeAll();
          subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        closeAll();
      };
    });
}
