// Client events without an `event_id` get one before they are sent, so a server `error` about
// them can be traced back to the event (see `SentEvents`). The counter keeps ids unique within a
// socket; the random suffix keeps them apart across sockets in one recording or log.

/** The default `idGenerator`: `evt_<counter>_<random>`, counting from 1 per generator. */
export function eventIdGenerator(): () => string {
  let counter = 0;
  return () => `evt_${(++counter).toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
