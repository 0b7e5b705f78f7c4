/**
 * rx-realtime: the OpenAI Realtime API as RxJS streams.
 *
 * This entry point is browser-safe. Node-only helpers live in `rx-realtime/node`,
 * test helpers in `rx-realtime/testing`.
 *
 * @packageDocumentation
 */
export {};
