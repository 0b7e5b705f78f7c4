import { connectionTarget, redactSecrets, redactUrl } from '../../src/transport/index.js';

describe('connectionTarget', () => {
  const base = { credential: 'sk-1', bearer: true } as const;

  it('builds the OpenAI URL from the default baseURL and the model', () => {
    const t = connectionTarget({ ...base, model: 'gpt-realtime', auth: 'headers' });
    expect(t).toEqual({
      url: 'wss://api.openai.com/v1/realtime?model=gpt-realtime',
      protocols: [],
      headers: { Authorization: 'Bearer sk-1' },
      dialect: 'ga',
    });
  });

  it('turns an https baseURL into wss and adds the beta header', () => {
    const t = connectionTarget({
      ...base,
      baseURL: 'https://proxy.example/v1/',
      model: 'm',
      dialect: 'beta',
      auth: 'headers',
    });
    expect(t.url).toBe('wss://proxy.example/v1/realtime?model=m');
    expect(t.headers).toEqual({ Authorization: 'Bearer sk-1', 'OpenAI-Beta': 'realtime=v1' });
  });

  it('uses subprotocols in the browser', () => {
    expect(connectionTarget({ ...base, model: 'm', auth: 'browser' }).protocols).toEqual([
      'realtime',
      'openai-insecure-api-key.sk-1',
    ]);
    expect(
      connectionTarget({ ...base, model: 'm', dialect: 'beta', auth: 'browser' }).protocols,
    ).toEqual(['realtime', 'openai-insecure-api-key.sk-1', 'openai-beta.realtime-v1']);
  });

  it('Azure preview in a browser puts api-key in the query and sends no key subprotocol', () => {
    const t = connectionTarget({
      credential: 'az-key',
      bearer: false,
      auth: 'browser',
      azure: {
        endpoint: 'https://res.openai.azure.com/',
        deployment: 'dep',
        apiVersion: '2025-04-01-preview',
      },
    });
    expect(t.url).toBe(
      'wss://res.openai.azure.com/openai/realtime?api-version=2025-04-01-preview&deployment=dep&api-key=az-key',
    );
    expect(t.protocols).toEqual([]);
    expect(t.dialect).toBe('beta');
    expect(redactUrl(t.url)).not.toContain('az-key');
  });

  it('Azure GA form', () => {
    const t = connectionTarget({
      credential: 'az-key',
      bearer: false,
      auth: 'headers',
      azure: { endpoint: 'res.openai.azure.com', deployment: 'gpt-realtime' },
    });
    expect(t.url).toBe('wss://res.openai.azure.com/openai/v1/realtime?model=gpt-realtime');
    expect(t.headers).toEqual({ 'api-key': 'az-key' });
    expect(t.dialect).toBe('ga');
  });
});

describe('redaction', () => {
  it('redactUrl hides credential query parameters and keeps the rest', () => {
    expect(redactUrl('wss://h/openai/realtime?api-version=v&api-key=SECRET&deployment=d')).toBe(
      'wss://h/openai/realtime?api-version=v&api-key=[REDACTED]&deployment=d',
    );
    expect(redactUrl('wss://h/x?authorization=Bearer%20tok&token=abc')).toBe(
      'wss://h/x?authorization=[REDACTED]&token=[REDACTED]',
    );
    expect(redactUrl('wss://api.openai.com/v1/realtime?model=gpt-realtime')).toBe(
      'wss://api.openai.com/v1/realtime?model=gpt-realtime',
    );
  });

  it('redactSecrets hides known secrets and insecure-api-key subprotocols', () => {
    expect(redactSecrets('key sk-abc123 and sk-abc123', ['sk-abc123'])).toBe(
      'key [REDACTED] and [REDACTED]',
    );
    expect(redactSecrets('protocols realtime, openai-insecure-api-key.ek_live', [])).toBe(
      'protocols realtime, openai-insecure-api-key.[REDACTED]',
    );
  });
});
