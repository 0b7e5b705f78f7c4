import { runExample } from './run-example';

it('examples/angular-service: two components render one turn, then everything completes', () => {
  const run = runExample('angular-service', { args: ['Hello there'] });
  expect(run.status).toBe(0);
  expect(run.stdout).not.toMatch(/^\[status\] !/m); // no error rendered
  const rendered = run.stdout.split('\n');
  expect(rendered.filter((l) => l.startsWith('[chat]'))).toEqual([
    '[chat] user: Hello there',
    '[chat] assistant: You said: "Hello there". This is a scripted answer from the simulator.',
    '[chat] streams completed',
  ]);
  expect(rendered).toContain('[status] assistant answering…');
  expect(rendered).toContain('[status] connection closed');
  expect(rendered.at(-2)).toBe('[status] streams completed');
}, 60_000);
