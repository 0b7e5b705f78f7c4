import WebSocket from 'ws';
import { filter, firstValueFrom, take, timeout, toArray } from 'rxjs';
import {
  acceptCall,
  hangupCall,
  referCall,
  rejectCall,
  realtimeSocket,
  startSimulator,
  type RunningSimulator,
} from '../../src/node/index.js';
import type { RealtimeSocket } from '../../src/transport/index.js';
import type { ServerEvent } from '../../src/protocol/index.js';
import { TestClient } from './client.js';

const REAL = 'sk-sim-real-key';
let sim: RunningSimulator;
const sockets: RealtimeSocket[] = [];

beforeEach(async () => {
  sim = await startSimulator({ apiKey: REAL, pace: 'instant' });
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await sim.close();
});

const http = () => ({ apiKey: REAL, baseUrl: sim.httpUrl });

function sideband(callId: string): RealtimeSocket {
  const socket = realtimeSocket({ baseURL: sim.httpUrl, callId, apiKey: REAL });
  sockets.push(socket);
  return socket;
}

function collectUntil(socket: RealtimeSocket, type: ServerEvent['type']): Promise<ServerEvent[]> {
  const all: ServerEvent[] = [];
  return firstValueFrom(
    socket.pipe(
      filter((e) => {
        all.push(e);
        return e.type === type;
      }),
      take(1),
      timeout(5000),
    ),
  ).then(() => all);
}

async function acceptedCall(): Promise<string> {
  const { callId } = sim.placeCall();
  const accepted = await acceptCall(callId, {
    ...http(),
    session: {
      type: 'realtime',
      instructions: 'You answer the phone.',
      output_modalities: ['text'],
    },
  });
  if (accepted._tag === 'Left') throw accepted.left;
  return callId;
}

/** The HTTP status that refuses an upgrade to `url`. */
function refusedStatus(url: string): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${REAL}` } });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    ws.on('error', () => undefined);
  });
}

describe('simulated calls', () => {
  it('placeCall rings with an rtc_ id; accept starts its conversation', async () => {
    const { callId } = sim.placeCall({ from: 'sip:+14155550100@pstn.example' });
    expect(callId).toMatch(/^rtc_[0-9a-f]{32}$/);
    expect(sim.call(callId)).toEqual({
      callId,
      state: 'ringing',
      from: 'sip:+14155550100@pstn.example',
    });
    await acceptCall(callId, { ...http(), session: { type: 'realtime' } });
    expect(sim.call(callId)?.state).toBe('active');
  });

  it('a sideband socket attaches, sees the accepted session, and a response it creates', async () => {
    const callId = await acceptedCall();
    const socket = sideband(callId);
    const events = collectUntil(socket, 'response.done');
    socket.next({ type: 'response.create' });
    const seen = await events;
    const created = seen[0];
    expect(created.type === 'session.created' && created.session).toMatchObject({
      instructions: 'You answer the phone.',
    });
    expect(seen.map((e) => e.type)).toEqual(
      expect.arrayContaining(['response.created', 'response.output_text.delta', 'response.done']),
    );
  });

  it('two sideband sockets see the same events; client events of either steer the call', async () => {
    const callId = await acceptedCall();
    const first = sideband(callId);
    const second = sideband(callId);
    const firstSeen = collectUntil(first, 'session.updated');
    const secondSeen = collectUntil(second, 'session.updated');
    await firstValueFrom(
      second.pipe(
        filter((e) => e.type === 'session.created'),
        timeout(5000),
      ),
    );
    await firstValueFrom(
      first.state$.pipe(
        filter((s) => s.kind === 'open'),
        timeout(5000),
      ),
    );
    first.next({ type: 'session.update', session: { type: 'realtime', instructions: 'Changed.' } });
    const [a, b] = await Promise.all([firstSeen, secondSeen]);
    for (const seen of [a, b]) {
      const updated = seen[seen.length - 1];
      expect(updated.type === 'session.updated' && updated.session).toMatchObject({
        instructions: 'Changed.',
      });
    }
  });

  it('the caller speaks and presses keys: DTMF events, a VAD turn and a response on the sideband', async () => {
    const callId = await acceptedCall();
    const client = await TestClient.open(`${sim.url}?call_id=${callId}`, 'ga', {
      Authorization: `Bearer ${REAL}`,
    });
    await client.until((f) => f.some((e) => e.type === 'session.created'));
    expect(sim.callerInput(callId, { dtmf: '4#', speechMs: 600 })).toBe(true);
    await client.until((f) => f.some((e) => e.type === 'response.done'));
    expect(client.decodeErrors).toEqual([]);
    const dtmf = client.frames.filter((f) => f.type === 'input_audio_buffer.dtmf_event_received');
    expect(dtmf.map((f) => f.event)).toEqual(['4', '#']);
    expect(client.types()).toEqual(
      expect.arrayContaining([
        'input_audio_buffer.speech_started',
        'input_audio_buffer.speech_stopped',
        'input_audio_buffer.committed',
        'response.created',
      ]),
    );
    expect(() => sim.callerInput(callId, { dtmf: 'x' })).toThrow('not DTMF keys');
    client.ws.close();
  });

  it('refuses a sideband upgrade for an unknown, ringing or ended call with 404', async () => {
    expect(await refusedStatus(`${sim.url}?call_id=rtc_unknown`)).toBe(404);
    const { callId } = sim.placeCall();
    expect(await refusedStatus(`${sim.url}?call_id=${callId}`)).toBe(404);
    await acceptCall(callId, { ...http(), session: { type: 'realtime' } });
    expect(await refusedStatus(`${sim.url}?call_id=${callId}`)).toBe('open');
    await hangupCall(callId, http());
    expect(await refusedStatus(`${sim.url}?call_id=${callId}`)).toBe(404);
  });

  it('hangup ends the call and closes its sideband sockets', async () => {
    const callId = await acceptedCall();
    const socket = sideband(callId);
    const ended = firstValueFrom(socket.pipe(toArray(), timeout(5000)));
    await firstValueFrom(
      socket.pipe(
        filter((e) => e.type === 'session.created'),
        timeout(5000),
      ),
    );
    expect(await hangupCall(callId, http())).toEqual({ _tag: 'Right', right: undefined });
    expect((await ended).map((e) => e.type)).toEqual(['session.created', 'local.connection_lost']);
    expect(socket.state).toMatchObject({ kind: 'closed', code: 1000 });
    expect(sim.call(callId)).toEqual({ callId, state: 'ended', endedBy: 'hangup' });
    const again = await hangupCall(callId, http());
    expect(again._tag === 'Left' && again.left.status).toBe(400);
  });

  it('reject declines a ringing call with its SIP status (603 by default)', async () => {
    const busy = sim.placeCall().callId;
    const declined = sim.placeCall().callId;
    await rejectCall(busy, { ...http(), status_code: 486 });
    await rejectCall(declined, http());
    expect(sim.call(busy)).toMatchObject({ state: 'ended', endedBy: 'reject', rejectedWith: 486 });
    expect(sim.call(declined)).toMatchObject({ rejectedWith: 603 });
    const late = await acceptCall(busy, { ...http(), session: { type: 'realtime' } });
    expect(late._tag === 'Left' && late.left.message).toContain('is not ringing');
  });

  it('refer records the target and ends the call', async () => {
    const callId = await acceptedCall();
    expect(await referCall(callId, { ...http(), target_uri: 'tel:+14155550123' })).toEqual({
      _tag: 'Right',
      right: undefined,
    });
    expect(sim.call(callId)).toEqual({
      callId,
      state: 'ended',
      endedBy: 'refer',
      referredTo: 'tel:+14155550123',
    });
  });

  it('call control needs the real key and a known call', async () => {
    const { callId } = sim.placeCall();
    const wrongKey = await hangupCall(callId, { apiKey: 'sk-wrong', baseUrl: sim.httpUrl });
    expect(wrongKey._tag === 'Left' && wrongKey.left.status).toBe(401);
    const unknown = await hangupCall('rtc_nope', http());
    expect(unknown._tag === 'Left' && [unknown.left.status, unknown.left.code]).toEqual([
      404,
      'call_not_found',
    ]);
  });

  it('accept checks the session like the service (400 naming the parameter)', async () => {
    const { callId } = sim.placeCall();
    const response = await fetch(`${sim.httpUrl}/realtime/calls/${callId}/accept`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${REAL}` },
      body: JSON.stringify({ type: 'realtime', voice_speed: 2 }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'unknown_parameter', param: 'voice_speed' },
    });
    expect(sim.call(callId)?.state).toBe('ringing');
  });
});
