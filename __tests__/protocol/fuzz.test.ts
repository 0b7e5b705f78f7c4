import { runFuzz } from '../helpers/fuzz.js';

describe('fuzz: mutated sample sessions through decode and every operator', () => {
  it('raise no exception in 3,000 frames (fixed seed)', () => {
    const report = runFuzz({ seed: 20261201, frames: 3000 });
    expect(report.frames).toBe(3000);
    // The mutations do reach both outcomes: refused frames and events that decode.
    expect(report.mutated).toBeGreaterThan(200);
    expect(report.decodeErrors).toBeGreaterThan(50);
    expect(report.events).toBeGreaterThan(2000);
    expect(report.exceptions.slice(0, 3)).toEqual([]);
  });
});
