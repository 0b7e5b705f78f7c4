import { filter, firstValueFrom } from 'rxjs';
import type { Dialect } from '../../src/protocol/index.js';
import type { SessionState } from '../../src/session/index.js';
import { finished, simulatorFixture, textOf, within } from './e2e.js';

const fixture = simulatorFixture();

describe.each<Dialect>(['ga', 'beta'])('the session cap over the simulator (%s)', (dialect) => {
  it('recycleBeforeExpiryMs renews the server session and the conversation goes on', async () => {
    const { socket } = await fixture.connect(
      {
        pace: 'instant',
        sessionExpiresAfterMs: 4000,
        script: ({ conversation }) => ({ text: `You said ${conversation.length} things.` }),
      },
      { dialect },
    );
    const s = fixture.session(socket, {
      session: { output_modalities: ['text'] },
      recycleBeforeExpiryMs: 2500,
    });
    const ends: SessionState[] = [];
    s.state$.subscribe((state) => state.kind === 'closed' && ends.push(state));
    const first = firstValueFrom(s.responses$.pipe(filter(finished), within(3000)));
    s.sendText('Hello');
    s.createResponse();
    expect(textOf(await first)).toBe('You said 1 things.');

    const recovered = await firstValueFrom(s.recovery$.pipe(within(4000)));
    expect(recovered.outcomes.map((o) => o.kind)).toEqual(['replayed', 'replayed']);
    const second = firstValueFrom(s.responses$.pipe(filter(finished), within(3000)));
    s.sendText('Still there?');
    s.createResponse();
    // The new server session holds the replayed conversation.
    expect(textOf(await second)).toBe('You said 3 things.');
    expect(ends).toEqual([]);
  }, 15000);

  it('without it, the cap ends the session with session_expired', async () => {
    const { socket } = await fixture.connect(
      { pace: 'instant', sessionExpiresAfterMs: 300 },
      { dialect, reconnect: true },
    );
    const s = fixture.session(socket, {});
    const errors: string[] = [];
    s.errors$.subscribe((e) => errors.push(e.message));
    expect((await s.ready()).kind).toBe('ready');
    const end = await firstValueFrom(
      s.state$.pipe(
        filter((state) => state.kind === 'closed'),
        within(3000),
      ),
    );
    expect(end).toMatchObject({ kind: 'closed', end: { kind: 'session_expired' } });
    expect(errors).toEqual(['Your session hit the maximum duration of 300 ms.']);
  });
});
