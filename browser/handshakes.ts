import type { Page } from 'playwright-core';

/** One WebSocket opening handshake as Chromium's DevTools protocol saw it. */
export interface Handshake {
  readonly url: string;
  /** The `Sec-WebSocket-Protocol` request header, as sent. */
  offered: string;
  /** The HTTP status of the answer: 101 when upgraded; Chromium reports none for a refusal. */
  status?: number;
}

/**
 * Records the WebSocket handshakes of a page from the browser's network layer: what the page
 * really offered, which no page script can fake. The returned array fills as the page runs.
 *
 * @example
 * ```ts
 * const handshakes = await recordHandshakes(page);
 * await page.goto(url);
 * console.log(handshakes.map((h) => `${h.status} ${h.offered}`));
 * ```
 */
export async function recordHandshakes(page: Page): Promise<readonly Handshake[]> {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.enable');
  const byRequest = new Map<string, Handshake>();
  const handshakes: Handshake[] = [];
  const header = (headers: Record<string, unknown>, name: string): string =>
    String(Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? '');
  session.on('Network.webSocketCreated', ({ requestId, url }) => {
    const handshake: Handshake = { url, offered: '' };
    byRequest.set(requestId, handshake);
    handshakes.push(handshake);
  });
  session.on('Network.webSocketWillSendHandshakeRequest', ({ requestId, request }) => {
    const handshake = byRequest.get(requestId);
    if (handshake) handshake.offered = header(request.headers, 'sec-websocket-protocol');
  });
  session.on('Network.webSocketHandshakeResponseReceived', ({ requestId, response }) => {
    const handshake = byRequest.get(requestId);
    if (handshake) handshake.status = response.status;
  });
  return handshakes;
}
