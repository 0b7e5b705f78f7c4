import { TestScheduler } from 'rxjs/testing';

/**
 * The one way tests build a `TestScheduler`: deep equality through Jest's `toEqual`.
 * Use it only through `testScheduler().run(...)`.
 */
export function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => {
    expect(actual).toEqual(expected);
  });
}
