import {
  acceptCall,
  CallControlError,
  hangupCall,
  referCall,
  rejectCall,
} from '../../../src/node/index.js';
import { fetchDouble } from './fetch-double.js';

const KEY = 'sk-proj-secret-123';
const base = 'https://api.openai.com/v1/realtime/calls';

describe('call control', () => {
  it('accept POSTs the checked session config', async () => {
    const { fetch, seen } = fetchDouble({});
    const result = await acceptCall('rtc_abc', {
      apiKey: KEY,
      fetch,
      session: { type: 'realtime', model: 'gpt-realtime', instructions: 'Hello caller.' },
    });
    expect(result).toEqual({ _tag: 'Right', right: undefined });
    expect(seen).toEqual([
      {
        url: `${base}/rtc_abc/accept`,
        method: 'POST',
        headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
        body: { type: 'realtime', model: 'gpt-realtime', instructions: 'Hello caller.' },
      },
    ]);
  });

  it('accept refuses a bad session before sending', async () => {
    const { fetch, seen } = fetchDouble({});
    const result = await acceptCall('rtc_abc', {
      apiKey: KEY,
      fetch,
      session: { type: 'realtime', max_output_tokens: 'lots' } as never,
    });
    expect(seen).toHaveLength(0);
    if (result._tag !== 'Left') throw new Error('expected Left');
    expect(result.left).toBeInstanceOf(CallControlError);
    expect(result.left.reason).toBe('invalid_request');
    expect(result.left.message).toContain('at .max_output_tokens');
  });

  it('reject sends the SIP status when given, an empty body otherwise', async () => {
    const { fetch, seen } = fetchDouble({});
    await rejectCall('rtc_abc', { apiKey: KEY, fetch, status_code: 486 });
    await rejectCall('rtc_abc', { apiKey: KEY, fetch });
    expect(seen.map((r) => [r.url, r.body])).toEqual([
      [`${base}/rtc_abc/reject`, { status_code: 486 }],
      [`${base}/rtc_abc/reject`, {}],
    ]);
    const bad = await rejectCall('rtc_abc', { apiKey: KEY, fetch, status_code: 200 });
    expect(bad._tag === 'Left' && bad.left.reason).toBe('invalid_request');
    expect(seen).toHaveLength(2);
  });

  it('refer sends the target, hangup an empty body; ids are escaped', async () => {
    const { fetch, seen } = fetchDouble({});
    await referCall('rtc/1', { apiKey: KEY, fetch, target_uri: 'tel:+14155550123' });
    await hangupCall('rtc/1', { apiKey: KEY, fetch, baseUrl: 'http://127.0.0.1:1/v1' });
    expect(seen.map((r) => [r.url, r.body])).toEqual([
      [`${base}/rtc%2F1/refer`, { target_uri: 'tel:+14155550123' }],
      ['http://127.0.0.1:1/v1/realtime/calls/rtc%2F1/hangup', {}],
    ]);
  });

  it('refuses an empty call id or target before sending', async () => {
    const { fetch, seen } = fetchDouble({});
    const noId = await hangupCall('', { apiKey: KEY, fetch });
    const noTarget = await referCall('rtc_1', { apiKey: KEY, fetch, target_uri: '' });
    expect([noId, noTarget].map((r) => r._tag === 'Left' && r.left.message)).toEqual([
      'the call id is empty',
      'target_uri is empty',
    ]);
    expect(seen).toHaveLength(0);
  });

  it('a 404 is an http_error value with the service message, never the key', async () => {
    const body = JSON.stringify({
      error: { message: 'Call not found.', type: 'invalid_request_error', code: null },
    });
    const { fetch } = fetchDouble({ status: 404, body });
    const result = await hangupCall('rtc_gone', { apiKey: KEY, fetch });
    if (result._tag !== 'Left') throw new Error('expected Left');
    expect(result.left).toMatchObject({
      name: 'CallControlError',
      reason: 'http_error',
      status: 404,
      code: undefined,
      message: 'POST /realtime/calls/rtc_gone/hangup failed with HTTP 404: Call not found.',
    });
  });

  it('a network failure is a value', async () => {
    const { fetch } = fetchDouble({ error: new TypeError('fetch failed') });
    const result = await referCall('rtc_1', { apiKey: KEY, fetch, target_uri: 'sip:desk@x' });
    expect(result._tag === 'Left' && result.left.reason).toBe('network');
  });
});
