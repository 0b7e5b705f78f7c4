import fc from 'fast-check';
import { PagedAudio } from '../../src/operators/pagedAudio.js';

describe('PagedAudio (internal audio store of assembleResponses)', () => {
  it('keeps every view frozen and equal to the bytes appended before it, across pages', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 40 }), (chunks) => {
        const audio = new PagedAudio('pcm16');
        const expected: number[] = [];
        const views = chunks.map((c) => {
          audio.append(c);
          expected.push(...c);
          return { view: audio.view(), bytes: expected.slice() };
        });
        for (const { view, bytes } of views) {
          expect(Array.from(view.toBytes())).toEqual(bytes);
          expect(view.byteLength).toBe(bytes.length);
          expect(view.durationMs).toBe(bytes.length / 48);
          expect(Array.from(view.slice(5, 5000))).toEqual(bytes.slice(5, 5000));
          expect([...view].reduce((n, c) => n + c.length, 0)).toBe(bytes.length);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('appendBase64 gives what append of the decoded bytes gives, across pages, and refuses bad base64', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.constant('!bad')), {
          maxLength: 40,
        }),
        (chunks) => {
          const byBytes = new PagedAudio('pcm16');
          const byBase64 = new PagedAudio('pcm16');
          const views = chunks.map((c) => {
            if (typeof c === 'string') {
              expect(byBase64.appendBase64(c)._tag).toBe('Left');
            } else {
              byBytes.append(c);
              expect(byBase64.appendBase64(Buffer.from(c).toString('base64'))._tag).toBe('Right');
            }
            return [byBytes.view(), byBase64.view()] as const;
          });
          // Every view still shows what it showed when taken: later writes go past its end.
          for (const [expected, actual] of views)
            expect(Array.from(actual.toBytes())).toEqual(Array.from(expected.toBytes()));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('cuts at whole samples with bytesUpTo and serialises without audio', () => {
    const audio = new PagedAudio('g711_ulaw');
    audio.append(new Uint8Array(10_000).fill(1));
    const view = audio.view();
    expect(view.bytesUpTo(100).length).toBe(800);
    expect(JSON.parse(JSON.stringify(view))).toEqual({
      format: 'g711_ulaw',
      chunkCount: 2,
      byteLength: 10_000,
      durationMs: 1250,
    });
    expect(Object.isFrozen(view)).toBe(true);
  });
});
