import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../../src/node/cli.js';
import {
  renderTimelineSvg,
  sessionTimeline,
  timelineSummary,
  type Timeline,
} from '../../src/node/index.js';
import { recordedEvents } from '../../src/protocol/recording.js';
import { SAMPLES_DIR } from '../helpers/samples.js';

const ASSISTANT_1 = 'item_CFrAsG1uep2IUE2H67t2P';
const ASSISTANT_2 = 'item_CFrGoc6NBYhBLasjTJolM';
const USER = 'item_CFrELNyJphrejk06sTdBB';

function fixtureTimeline(name: string, dialect: 'ga' | 'beta' = 'ga'): Timeline {
  return sessionTimeline(
    recordedEvents(readFileSync(join(SAMPLES_DIR, name), 'utf8'), { dialect }),
  );
}

/** 4 800 bytes of PCM16 24 kHz: 100 ms. */
const DELTA_100MS = 'AAAA'.repeat(1600);

const response = (id: string, status: string) => ({
  object: 'realtime.response',
  id,
  status,
  status_details: null,
  output: [],
});

/** A small recordWire-style recording with times, a client frame and one `_t` line. */
const TIMED = [
  {
    t: 5000,
    dir: 'in',
    event: {
      type: 'input_audio_buffer.speech_started',
      event_id: 'e1',
      audio_start_ms: 300,
      item_id: 'u1',
    },
  },
  {
    t: 5900,
    dir: 'in',
    event: {
      type: 'input_audio_buffer.speech_stopped',
      event_id: 'e2',
      audio_end_ms: 1100,
      item_id: 'u1',
    },
  },
  {
    t: 6000,
    dir: 'in',
    event: { type: 'response.created', event_id: 'e3', response: response('r1', 'in_progress') },
  },
  ...[6100, 6150].map((t, i) => ({
    t,
    dir: 'in',
    event: {
      type: 'response.output_audio.delta',
      event_id: `d${i}`,
      response_id: 'r1',
      item_id: 'a1',
      output_index: 0,
      content_index: 0,
      delta: DELTA_100MS,
    },
  })),
  { t: 6200, dir: 'out', event: { type: 'response.cancel', event_id: 'c0' } },
  {
    t: 6300,
    dir: 'out',
    event: {
      type: 'conversation.item.truncate',
      event_id: 'c1',
      item_id: 'a1',
      content_index: 0,
      audio_end_ms: 150,
    },
  },
  {
    type: 'conversation.item.truncated',
    event_id: 'e4',
    item_id: 'a1',
    content_index: 0,
    audio_end_ms: 150,
    _t: 6320,
  },
  {
    t: 6400,
    dir: 'in',
    event: { type: 'response.done', event_id: 'e5', response: response('r1', 'cancelled') },
  },
  {
    t: 6500,
    dir: 'in',
    event: {
      type: 'response.output_item.done',
      event_id: 'e6',
      response_id: 'r2',
      output_index: 0,
      item: {
        id: 'fc1',
        type: 'function_call',
        status: 'completed',
        name: 'get_weather',
        call_id: 'call_1',
        arguments: '{}',
      },
    },
  },
]
  .map((line) => JSON.stringify(line))
  .join('\n');

/** Checks that every tag closes in order and that text holds no bare `<` or `&`. */
function expectWellFormed(svg: string): void {
  const body = svg.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  for (const [, text, tag] of body.matchAll(/([^<]*)(<[^>]*>)?/g)) {
    expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    if (!tag) continue;
    const name = /^<\/?([a-zA-Z]+)/.exec(tag)?.[1];
    if (tag.startsWith('</')) expect(stack.pop()).toBe(name);
    else if (!tag.endsWith('/>')) stack.push(name ?? '');
  }
  expect(stack).toEqual([]);
}

const count = (svg: string, needle: string) => svg.split(needle).length - 1;

describe('sessionTimeline', () => {
  it('lays the interruption sample out on the synthetic clock', () => {
    const timeline = fixtureTimeline('ga-interruption.server.jsonl');
    expect(timeline.clock).toBe('synthetic');
    expect(timeline.audioFormat).toBe('pcm16');
    expect(timeline.endMs).toBe(3200);
    // Speech at its input-audio ms; 16 and 20 deltas of 960 bytes (20 ms each) back to back.
    expect(timeline.lanes.user).toEqual([
      {
        itemId: USER,
        startMs: 1000,
        endMs: 2800,
        audioMs: 1800,
        transcript: 'Actually, can you make it shorter?',
      },
    ]);
    expect(timeline.lanes.assistant).toEqual([
      {
        itemId: ASSISTANT_1,
        startMs: 0,
        endMs: 320,
        audioMs: 320,
        transcript:
          'Once upon a time, on a rocky island far from the coast, there lived a lighthouse keeper named',
      },
      {
        itemId: ASSISTANT_2,
        startMs: 2800,
        endMs: 3200,
        audioMs: 400,
        transcript:
          'Sure! Elias kept the light burning, and one stormy night it saved a whole ship. The end.',
      },
    ]);
    expect(timeline.markers).toEqual([
      { kind: 'response.created', atMs: 0, responseId: 'resp_CFrAw03uOEqIepQxaX2Em' },
      { kind: 'truncation', atMs: 200, itemId: ASSISTANT_1, audioEndMs: 200, by: ['server'] },
      {
        kind: 'response.done',
        atMs: 1000,
        responseId: 'resp_CFrAw03uOEqIepQxaX2Em',
        status: 'cancelled',
      },
      { kind: 'response.created', atMs: 2800, responseId: 'resp_CFrF1fYuzTxK61OWcLuJW' },
      {
        kind: 'response.done',
        atMs: 3200,
        responseId: 'resp_CFrF1fYuzTxK61OWcLuJW',
        status: 'completed',
      },
    ]);
  });

  it('reads the beta recording of the same session to the same lanes', () => {
    const beta = fixtureTimeline('beta-interruption.server.jsonl', 'beta');
    expect(beta.lanes.user.map((u) => [u.startMs, u.endMs])).toEqual([[1000, 2800]]);
    expect(beta.lanes.assistant.map((a) => [a.startMs, a.endMs])).toEqual([
      [0, 320],
      [2800, 3200],
    ]);
    expect(beta.markers.filter((m) => m.kind === 'truncation')).toHaveLength(1);
  });

  it('uses the recorded times, client frames and the output format in effect', () => {
    const timeline = sessionTimeline(recordedEvents(TIMED));
    expect(timeline.clock).toBe('recorded');
    // speech_started arrived at 0; the speech lasted 800 ms of input audio.
    expect(timeline.lanes.user).toEqual([{ itemId: 'u1', startMs: 0, endMs: 800, audioMs: 800 }]);
    // First delta at 1100, last at 1150, carrying 200 ms of audio.
    expect(timeline.lanes.assistant).toEqual([
      { itemId: 'a1', startMs: 1100, endMs: 1150, audioMs: 200 },
    ]);
    expect(timeline.markers).toEqual([
      { kind: 'response.created', atMs: 1000, responseId: 'r1' },
      { kind: 'truncation', atMs: 1250, itemId: 'a1', audioEndMs: 150, by: ['client', 'server'] },
      { kind: 'response.done', atMs: 1400, responseId: 'r1', status: 'cancelled' },
      { kind: 'function_call', atMs: 1500, itemId: 'fc1', name: 'get_weather' },
    ]);
    expect(timeline.endMs).toBe(1500);
    // The same bytes as G.711 (8 bytes per ms) are six times longer.
    const ulaw = sessionTimeline(recordedEvents(TIMED), { audioFormat: 'g711_ulaw' });
    expect(ulaw.lanes.assistant[0].audioMs).toBe(1200);
  });

  it('keeps a speech turn without speech_stopped open to the end', () => {
    const timeline = sessionTimeline([
      {
        event: {
          type: 'input_audio_buffer.speech_started',
          event_id: 'e1',
          audio_start_ms: 500,
          item_id: 'u1',
        },
      },
      {
        event: {
          type: 'response.output_audio.delta',
          event_id: 'e2',
          response_id: 'r',
          item_id: 'a',
          output_index: 0,
          content_index: 0,
          delta: DELTA_100MS,
        },
      },
    ]);
    expect(timeline.lanes.user).toEqual([
      { itemId: 'u1', startMs: 500, endMs: 600, audioMs: 100, open: true },
    ]);
    expect(timeline.lanes.assistant).toEqual([
      { itemId: 'a', startMs: 500, endMs: 600, audioMs: 100 },
    ]);
  });

  it('summarises in one line', () => {
    expect(timelineSummary(fixtureTimeline('ga-interruption.server.jsonl'))).toBe(
      '1 user turn, 2 assistant audio items (0.7 s), 1 truncation, synthetic clock',
    );
    expect(timelineSummary(sessionTimeline([]))).toBe(
      '0 user turns, 0 assistant audio items (0.0 s), 0 truncations, synthetic clock',
    );
  });
});

/**
 * Two answers received back to back while the first still plays, each 300 ms of audio: the
 * second is heard only after the first, and the user cuts it 100 ms in.
 */
const PLAYED = [
  { t: 0, dir: 'in', event: response('r1', 'in_progress') },
  ...['a1', 'a2'].flatMap((item, i) =>
    [0, 1, 2].map((k) => ({
      t: 10 + i * 30 + k * 10,
      dir: 'in',
      event: {
        type: 'response.output_audio.delta',
        event_id: `d${item}${k}`,
        response_id: 'r1',
        item_id: item,
        output_index: i,
        content_index: 0,
        delta: DELTA_100MS,
      },
    })),
  ),
  ...[0, 100, 200, 300].map((ms) => ({
    t: 10 + ms,
    dir: 'playback',
    event: { itemId: 'a1', playedMs: ms },
  })),
  ...[0, 100].map((ms) => ({
    t: 310 + ms,
    dir: 'playback',
    event: { itemId: 'a2', playedMs: ms },
  })),
  {
    t: 410,
    dir: 'in',
    event: {
      type: 'input_audio_buffer.speech_started',
      event_id: 's',
      audio_start_ms: 0,
      item_id: 'u2',
    },
  },
  {
    t: 412,
    dir: 'out',
    event: {
      type: 'conversation.item.truncate',
      item_id: 'a2',
      content_index: 0,
      audio_end_ms: 100,
    },
  },
]
  .map((line) =>
    line.dir === 'in' && 'object' in line.event
      ? JSON.stringify({
          ...line,
          event: { type: 'response.created', event_id: 'c', response: line.event },
        })
      : JSON.stringify(line),
  )
  .join('\n');

describe('playback marks', () => {
  it('place each assistant item where it was heard, and the cut where it happened', () => {
    const timeline = sessionTimeline(recordedEvents(PLAYED));
    const [a1, a2] = timeline.lanes.assistant;
    // Received: a1 from 10 to 30 ms, a2 from 40 to 60 ms. Heard: a1 10-310, a2 310-410.
    expect(a1).toMatchObject({ itemId: 'a1', startMs: 10, endMs: 30, audioMs: 300 });
    expect(a1.heard).toEqual({ startMs: 10, endMs: 310, playedMs: 300 });
    expect(a2).toMatchObject({ itemId: 'a2', startMs: 40, endMs: 60, audioMs: 300 });
    expect(a2.heard).toEqual({ startMs: 310, endMs: 410, playedMs: 100 });
    // Without playback marks the cut would sit at a2's first delta + 100 ms = 140 ms.
    const truncation = timeline.markers.find((m) => m.kind === 'truncation');
    expect(truncation).toMatchObject({ atMs: 410, itemId: 'a2', audioEndMs: 100 });
    expect(timeline.lanes.user[0].startMs).toBe(410); // the barge-in, at the same time
  });

  it('draw the heard spans, and overlapping items on rows of their own', () => {
    const played = sessionTimeline(recordedEvents(PLAYED));
    const svg = renderTimelineSvg(played);
    expectWellFormed(svg);
    const ys = [...svg.matchAll(/class="interval assistant" x="[\d.]+" y="([\d.]+)"/g)].map(
      (m) => m[1],
    );
    // Heard one after the other, a1 and a2 share a row.
    expect(new Set(ys).size).toBe(1);
    expect(svg).toContain('assistant audio heard (playback marks)');
    // Received without marks, a2's bar overlaps a1's audio: a row of its own.
    const received = sessionTimeline(recordedEvents(PLAYED).filter((e) => e.dir !== 'playback'));
    const receivedYs = [
      ...renderTimelineSvg(received).matchAll(
        /class="interval assistant" x="[\d.]+" y="([\d.]+)"/g,
      ),
    ].map((m) => m[1]);
    expect(new Set(receivedYs).size).toBe(2);
  });
});

describe('renderTimelineSvg', () => {
  it('draws a standalone SVG with a rect per interval, truncation label and legend', () => {
    const svg = renderTimelineSvg(fixtureTimeline('ga-interruption.server.jsonl'));
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg" version="1.1"');
    expectWellFormed(svg);
    expect(count(svg, 'class="interval user"')).toBe(1);
    expect(count(svg, 'class="interval assistant"')).toBe(2);
    expect(count(svg, 'class="audio-length"')).toBe(2);
    expect(count(svg, 'class="truncation"')).toBe(1);
    expect(svg).toContain('>truncated at 200 ms</text>');
    expect(count(svg, 'class="marker created"')).toBe(2);
    expect(count(svg, 'class="marker done"')).toBe(2);
    expect(svg).toContain('Clock: synthetic');
    expect(svg).toContain('>3.0 s</text>');
    expect(count(svg, 'class="legend"')).toBe(7);
  });

  it('names the recorded clock and marks function calls', () => {
    const svg = renderTimelineSvg(sessionTimeline(recordedEvents(TIMED)));
    expectWellFormed(svg);
    expect(svg).toContain('Clock: recorded times');
    expect(svg).toContain('>get_weather()</text>');
    expect(svg).toContain('(client + server) on a1');
  });

  it('escapes text', () => {
    const timeline: Timeline = {
      clock: 'recorded',
      endMs: 1000,
      audioFormat: 'pcm16',
      lanes: {
        user: [{ itemId: 'u<1>', startMs: 0, endMs: 1000, audioMs: 1000, transcript: 'a<b & "c"' }],
        assistant: [],
      },
      markers: [],
    };
    const svg = renderTimelineSvg(timeline, { title: 'calls <&> tests' });
    expectWellFormed(svg);
    expect(svg).toContain('>calls &lt;&amp;&gt; tests</text>');
    expect(svg).toContain('a&lt;b &amp; &quot;c&quot;');
    expect(svg).not.toContain('a<b');
  });
});

describe('npx rx-realtime timeline', () => {
  let dir: string;
  let stdout: jest.SpyInstance;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rx-realtime-timeline-'));
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stdout.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]) =>
    buildCli().parseAsync(['node', 'rx-realtime', 'timeline', ...args]);

  it('writes the SVG and prints the summary', async () => {
    const out = join(dir, 'interruption.svg');
    await run(
      join(SAMPLES_DIR, 'beta-interruption.server.jsonl'),
      '--svg',
      out,
      '--dialect',
      'beta',
    );
    expect(stdout.mock.calls.map((c) => String(c[0]))).toEqual([
      `timeline: 1 user turn, 2 assistant audio items (0.7 s), 1 truncation, synthetic clock -> ${out}\n`,
    ]);
    const svg = readFileSync(out, 'utf8');
    expectWellFormed(svg);
    expect(svg).toContain('>beta-interruption.server.jsonl</text>');
    expect(count(svg, 'class="interval assistant"')).toBe(2);
  });

  it('draws a recordWire recording on its recorded clock', async () => {
    const file = join(dir, 'session.jsonl');
    writeFileSync(file, TIMED);
    const out = join(dir, 'session.svg');
    await run(file, '--svg', out);
    expect(String(stdout.mock.calls[0][0])).toBe(
      `timeline: 1 user turn, 1 assistant audio item (0.2 s), 1 truncation, recorded clock -> ${out}\n`,
    );
    expect(readFileSync(out, 'utf8')).toContain('>truncated at 150 ms</text>');
  });
});
