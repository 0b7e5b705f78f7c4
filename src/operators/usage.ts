import { filter, map, scan, type OperatorFunction } from 'rxjs';
import { isEvent, type ServerEvent } from '../protocol/index.js';
import type { ResponseUsage } from './assembleResponses.js';

/**
 * Running token totals over the responses of a session, emitted by {@link usage}.
 *
 * @example
 * ```ts
 * import type { UsageTotals } from 'rx-realtime';
 * const summary = (u: UsageTotals): string => `${u.totalTokens} tokens over ${u.responses} responses`;
 * ```
 */
export interface UsageTotals {
  /** Responses counted (those whose `response.done` carried usage). */
  readonly responses: number;
  /** Input tokens, summed over the counted responses. */
  readonly inputTokens: number;
  /** Output tokens, summed over the counted responses. */
  readonly outputTokens: number;
  /** Input plus output tokens, summed over the counted responses. */
  readonly totalTokens: number;
  /** The audio share of the input tokens. */
  readonly inputAudioTokens: number;
  /** The text share of the input tokens. */
  readonly inputTextTokens: number;
  /** Input tokens served from the prompt cache (billed less). */
  readonly cachedTokens: number;
  /** The audio share of the output tokens. */
  readonly outputAudioTokens: number;
  /** The text share of the output tokens. */
  readonly outputTextTokens: number;
  /** The response that produced this value. */
  readonly responseId: string;
  /** That response's own usage, as sent. */
  readonly last: ResponseUsage;
}

const ZERO: Omit<UsageTotals, 'responseId' | 'last'> = {
  responses: 0,
  inputTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
  inputAudioTokens: 0,
  inputTextTokens: 0,
  cachedTokens: 0,
  outputAudioTokens: 0,
  outputTextTokens: 0,
};

/**
 * Running token totals: one value per `response.done` that carries `usage` (cancelled
 * responses included: their tokens are billed too). Missing counters count as 0.
 *
 * @example
 * ```ts
 * import { type Observable } from 'rxjs';
 * import { usage, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * events$.pipe(usage()).subscribe((u) => console.log(`${u.totalTokens} tokens in ${u.responses} responses`));
 * ```
 */
export function usage(): OperatorFunction<ServerEvent, UsageTotals> {
  return (source) =>
    source.pipe(
      filter(
        isEvent(
          'response.done',
          (e) => e.response.usage !== null && e.response.usage !== undefined,
        ),
      ),
      map((e) => ({ responseId: e.response.id ?? '', last: e.response.usage as ResponseUsage })),
      scan<{ readonly responseId: string; readonly last: ResponseUsage }, UsageTotals | undefined>(
        (acc, { responseId, last }) => {
          const t = acc ?? ZERO;
          return Object.freeze({
            responses: t.responses + 1,
            inputTokens: t.inputTokens + (last.input_tokens ?? 0),
            outputTokens: t.outputTokens + (last.output_tokens ?? 0),
            totalTokens: t.totalTokens + (last.total_tokens ?? 0),
            inputAudioTokens: t.inputAudioTokens + (last.input_token_details?.audio_tokens ?? 0),
            inputTextTokens: t.inputTextTokens + (last.input_token_details?.text_tokens ?? 0),
            cachedTokens: t.cachedTokens + (last.input_token_details?.cached_tokens ?? 0),
            outputAudioTokens: t.outputAudioTokens + (last.output_token_details?.audio_tokens ?? 0),
            outputTextTokens: t.outputTextTokens + (last.output_token_details?.text_tokens ?? 0),
            responseId,
            last,
          });
        },
        undefined,
      ),
      filter((t): t is UsageTotals => t !== undefined),
    );
}
