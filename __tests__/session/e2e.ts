/** Shared by the session's end-to-end tests over the simulator. */
import type { ResponseSnapshot } from '../../src/operators/index.js';

export const finished = (r: ResponseSnapshot): boolean => r.status !== 'in_progress';

/** All the text of a response's message items, in order. */
export const textOf = (r: ResponseSnapshot): string =>
  r.output
    .flatMap((item) => (item.type === 'message' ? item.content : []))
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join('');
