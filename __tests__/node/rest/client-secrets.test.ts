import { createClientSecret, ClientSecretError } from '../../../src/node/index.js';
import { fetchDouble } from './fetch-double.js';

const KEY = 'sk-proj-secret-123';
const minted = {
  value: 'ek_68af296e8e408191a1120ab6383263c2',
  expires_at: 1756310470,
  session: {
    type: 'realtime',
    object: 'realtime.session',
    id: 'sess_C9CiUVUzUzYIssh3ELY1d',
    model: 'gpt-realtime',
    output_modalities: ['audio'],
    instructions: 'Be brief.',
    tools: [],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: null,
    truncation: 'auto',
    prompt: null,
    expires_at: 0,
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24000 },
        transcription: null,
        noise_reduction: null,
        turn_detection: { type: 'server_vad', threshold: 0.5 },
      },
      output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'alloy', speed: 1.0 },
    },
    include: null,
  },
};

describe('createClientSecret', () => {
  it('POSTs expiry and session with the Bearer key and returns value, expiresAt and session', async () => {
    const { fetch, seen } = fetchDouble({ body: JSON.stringify(minted) });
    const result = await createClientSecret({
      apiKey: KEY,
      fetch,
      expiresAfterSeconds: 300,
      session: { type: 'realtime', model: 'gpt-realtime', instructions: 'Be brief.' },
    });
    expect(seen).toEqual([
      {
        url: 'https://api.openai.com/v1/realtime/client_secrets',
        method: 'POST',
        headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
        body: {
          expires_after: { anchor: 'created_at', seconds: 300 },
          session: { type: 'realtime', model: 'gpt-realtime', instructions: 'Be brief.' },
        },
      },
    ]);
    expect(result).toEqual({
      _tag: 'Right',
      right: { value: minted.value, expiresAt: 1756310470, session: minted.session },
    });
  });

  it('sends an empty body when nothing is configured, to the given base URL', async () => {
    const { fetch, seen } = fetchDouble({ body: JSON.stringify(minted) });
    await createClientSecret({ apiKey: KEY, fetch, baseUrl: 'http://127.0.0.1:9/v1/' });
    expect(seen[0].url).toBe('http://127.0.0.1:9/v1/realtime/client_secrets');
    expect(seen[0].body).toEqual({});
  });

  it('refuses a bad session config before sending, naming the path', async () => {
    const { fetch, seen } = fetchDouble({ body: JSON.stringify(minted) });
    const result = await createClientSecret({
      apiKey: KEY,
      fetch,
      session: { type: 'realtime', instructionz: 'typo' } as never,
    });
    expect(seen).toHaveLength(0);
    if (result._tag !== 'Left') throw new Error('expected Left');
    expect(result.left).toBeInstanceOf(ClientSecretError);
    expect(result.left.name).toBe('ClientSecretError');
    expect(result.left.reason).toBe('invalid_request');
    expect(result.left.message).toMatch(/^the session config is invalid: at \.instructionz /);
  });

  it('sends an unknown session field when allowUnknownFields lists it', async () => {
    const { fetch, seen } = fetchDouble({ body: JSON.stringify(minted) });
    const result = await createClientSecret({
      apiKey: KEY,
      fetch,
      session: { type: 'realtime', brand_new: 1 } as never,
      allowUnknownFields: ['.session.brand_new'],
    });
    expect(result._tag).toBe('Right');
    expect(seen[0].body).toEqual({ session: { type: 'realtime', brand_new: 1 } });
  });

  it.each([5, 7201, 12.5])('refuses expiresAfterSeconds %p', async (seconds) => {
    const { fetch, seen } = fetchDouble({ body: JSON.stringify(minted) });
    const result = await createClientSecret({ apiKey: KEY, fetch, expiresAfterSeconds: seconds });
    expect(seen).toHaveLength(0);
    expect(result._tag === 'Left' && result.left.reason).toBe('invalid_request');
  });

  it('an HTTP error carries the status, the service message and code, never the key', async () => {
    const body = JSON.stringify({
      error: {
        message: `Incorrect API key provided: ${KEY}.`,
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
    const { fetch } = fetchDouble({ status: 401, body });
    const result = await createClientSecret({ apiKey: KEY, fetch });
    if (result._tag !== 'Left') throw new Error('expected Left');
    expect(result.left).toMatchObject({
      reason: 'http_error',
      status: 401,
      code: 'invalid_api_key',
      message:
        'POST /realtime/client_secrets failed with HTTP 401: Incorrect API key provided: [REDACTED].',
    });
    expect(JSON.stringify(result.left)).not.toContain(KEY);
  });

  it('an HTTP error without a JSON body still says the status', async () => {
    const { fetch } = fetchDouble({ status: 502, body: '<html>Bad gateway</html>' });
    const result = await createClientSecret({ apiKey: KEY, fetch });
    expect(result._tag === 'Left' && result.left.message).toBe(
      'POST /realtime/client_secrets failed with HTTP 502',
    );
  });

  it('a network failure is a value, and the key is redacted from the cause too', async () => {
    const { fetch } = fetchDouble({ error: new Error(`connect ECONNREFUSED (auth ${KEY})`) });
    const result = await createClientSecret({ apiKey: KEY, fetch });
    if (result._tag !== 'Left') throw new Error('expected Left');
    expect(result.left.reason).toBe('network');
    expect(result.left.message).toBe(
      'POST /realtime/client_secrets failed: connect ECONNREFUSED (auth [REDACTED])',
    );
    expect((result.left.cause as Error).message).not.toContain(KEY);
  });

  it.each([
    ['not JSON', 'ok', 'the answer is not JSON'],
    ['no value', JSON.stringify({ ...minted, value: 7 }), 'at .value expected string, got 7'],
    [
      'a session of the wrong shape',
      JSON.stringify({ ...minted, session: { ...minted.session, tools: 'none' } }),
      'at .session.tools',
    ],
  ])('a 2xx answer with %s is invalid_response', async (_, body, message) => {
    const { fetch } = fetchDouble({ body });
    const result = await createClientSecret({ apiKey: KEY, fetch });
    if (result._tag !== 'Left') throw new Error('expected Left');
    expect(result.left.reason).toBe('invalid_response');
    expect(result.left.message).toContain(message);
  });

  it('decodes a transcription session answer', async () => {
    const session = {
      type: 'transcription',
      object: 'realtime.transcription_session',
      id: 'sess_1',
    };
    const { fetch } = fetchDouble({ body: JSON.stringify({ ...minted, session }) });
    const result = await createClientSecret({
      apiKey: KEY,
      fetch,
      session: { type: 'transcription' },
    });
    expect(result._tag === 'Right' && result.right.session).toEqual(session);
  });
});
