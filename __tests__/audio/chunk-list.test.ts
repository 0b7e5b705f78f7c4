import fc from 'fast-check';
import { AudioChunkList } from '../../src/audio/chunk-list.js';

const concat = (chunks: readonly Uint8Array[]): number[] => chunks.flatMap((c) => Array.from(c));
const bytes = (...values: number[]) => Uint8Array.from(values);

/** Arbitrary audio bytes cut into arbitrary chunks, empty and 1-byte chunks included. */
const chunkSplits = fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 30 });

describe('AudioChunkList', () => {
  it('starts empty', () => {
    const list = new AudioChunkList();
    expect(list.byteLength).toBe(0);
    expect(list.chunkCount).toBe(0);
    expect(list.durationMs()).toBe(0);
    expect(list.toBytes()).toHaveLength(0);
    expect([...list]).toEqual([]);
    expect(list.format).toBe('pcm16');
  });

  it('tracks byte length, chunk count and duration as it appends', () => {
    const list = new AudioChunkList('pcm16');
    list.append(new Uint8Array(960)).append(new Uint8Array(480)).append(new Uint8Array(0));
    expect(list.byteLength).toBe(1440);
    expect(list.chunkCount).toBe(3);
    expect(list.durationMs()).toBe(30);
    expect(list.durationMs('g711_ulaw')).toBe(180);
    expect(new AudioChunkList('g711_alaw').append(new Uint8Array(160)).durationMs()).toBe(20);
  });

  it('keeps the appended arrays without copying them', () => {
    const chunk = bytes(1, 2);
    const list = new AudioChunkList().append(chunk);
    expect([...list][0]).toBe(chunk);
  });

  it('toBytes is one new contiguous copy', () => {
    const a = bytes(1, 2, 3);
    const list = new AudioChunkList().append(a).append(bytes(4)).append(bytes(5, 6));
    const all = list.toBytes();
    expect(Array.from(all)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(all.buffer.byteLength).toBe(6);
    all[0] = 99;
    expect(a[0]).toBe(1);
  });

  it('toBytes equals the concatenation for any split into chunks', () => {
    fc.assert(
      fc.property(chunkSplits, (chunks) => {
        const list = new AudioChunkList();
        for (const chunk of chunks) list.append(chunk);
        expect(Array.from(list.toBytes())).toEqual(concat(chunks));
        expect(list.byteLength).toBe(concat(chunks).length);
        expect(list.chunkCount).toBe(chunks.length);
        expect([...list]).toEqual(chunks);
      }),
    );
  });

  it('slice matches Array slice within bounds and clamps outside them', () => {
    fc.assert(
      fc.property(
        chunkSplits,
        fc.integer({ min: -5, max: 700 }),
        fc.integer({ min: -5, max: 700 }),
        (chunks, start, end) => {
          const list = new AudioChunkList();
          for (const chunk of chunks) list.append(chunk);
          const all = concat(chunks);
          const clamp = (i: number) => Math.min(Math.max(i, 0), all.length);
          expect(Array.from(list.slice(start, end))).toEqual(all.slice(clamp(start), clamp(end)));
        },
      ),
    );
    const list = new AudioChunkList().append(bytes(1, 2)).append(bytes(3));
    expect(Array.from(list.slice())).toEqual([1, 2, 3]);
    expect(Array.from(list.slice(1))).toEqual([2, 3]);
    expect(Array.from(list.slice(Number.NaN, Infinity))).toEqual([1, 2, 3]);
  });

  it('bytesUpTo cuts at whole samples of the given time', () => {
    const list = new AudioChunkList('pcm16');
    for (let i = 0; i < 10; i++) list.append(new Uint8Array(96).fill(i)); // 2 ms each
    expect(list.bytesUpTo(5)).toHaveLength(240);
    expect(Array.from(list.bytesUpTo(5).subarray(192))).toEqual(new Array(48).fill(2));
    expect(list.bytesUpTo(0.1)).toHaveLength(4); // 2.4 samples -> 2 samples
    expect(list.bytesUpTo(0)).toHaveLength(0);
    expect(list.bytesUpTo(1e9)).toHaveLength(960);
    expect(list.bytesUpTo(5, 'g711_ulaw')).toHaveLength(40);
  });

  it('serialises as its summary, not its audio', () => {
    const list = new AudioChunkList('g711_ulaw').append(new Uint8Array(80));
    expect(JSON.parse(JSON.stringify(list))).toEqual({
      format: 'g711_ulaw',
      chunkCount: 1,
      byteLength: 80,
      durationMs: 10,
    });
  });
});

describe('AudioChunkList.view', () => {
  it('shows the list as it was, whatever is appended later', () => {
    const list = new AudioChunkList('pcm16').append(bytes(1, 2)).append(bytes(3, 4));
    const view = list.view();
    list.append(bytes(5, 6));
    expect(view.chunkCount).toBe(2);
    expect(view.byteLength).toBe(4);
    expect(view.durationMs).toBeCloseTo(4 / 48, 12);
    expect(view.format).toBe('pcm16');
    expect(Array.from(view.toBytes())).toEqual([1, 2, 3, 4]);
    expect([...view].map((c) => Array.from(c))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(Array.from(view.slice(1, 100))).toEqual([2, 3, 4]);
    expect(Array.from(view.bytesUpTo(1000))).toEqual([1, 2, 3, 4]);
    expect(list.view().byteLength).toBe(6);
  });

  it('of an empty list is empty', () => {
    const view = new AudioChunkList().view();
    expect(view.byteLength).toBe(0);
    expect(view.toBytes()).toHaveLength(0);
    expect([...view]).toEqual([]);
  });

  it('after more appends still shows the old content, for any chunks', () => {
    fc.assert(
      fc.property(chunkSplits, chunkSplits, (before, after) => {
        const list = new AudioChunkList();
        for (const chunk of before) list.append(chunk);
        const view = list.view();
        for (const chunk of after) list.append(chunk);
        expect(Array.from(view.toBytes())).toEqual(concat(before));
        expect(view.chunkCount).toBe(before.length);
        expect(view.byteLength).toBe(concat(before).length);
        expect([...view]).toEqual(before);
        expect(Array.from(list.toBytes())).toEqual(concat([...before, ...after]));
      }),
    );
  });

  it('is built without copying the chunks (views share the list storage)', () => {
    const chunk = bytes(7);
    const list = new AudioChunkList().append(chunk);
    const views = Array.from({ length: 3 }, () => list.view());
    for (const view of views) expect([...view][0]).toBe(chunk);
  });

  it('serialises as its summary', () => {
    const view = new AudioChunkList().append(new Uint8Array(960)).view();
    expect(JSON.parse(JSON.stringify(view))).toEqual({
      format: 'pcm16',
      chunkCount: 1,
      byteLength: 960,
      durationMs: 20,
    });
  });
});
