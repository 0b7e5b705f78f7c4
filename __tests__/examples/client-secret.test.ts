import { runExample } from './run-example';

describe('examples/client-secret', () => {
  it('the key server mints one ek_ key and the client uses it for two connections', () => {
    const run = runExample('client-secret');
    expect(run.stderr).not.toMatch(/^!/m);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').filter((line) => line !== '')).toEqual([
      'minted ek_… key, valid for 10 min',
      'assistant> You said: "Hello there". This is a scripted answer from the simulator.',
      'assistant> You said: "And a second connection?". This is a scripted answer from the simulator.',
      'keys minted for 2 connections: 1',
    ]);
  }, 60_000);
});
