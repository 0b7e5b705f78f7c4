import type { AudioFormat } from '../../audio/index.js';
import type { Timeline, TimelineInterval, TimelineMarker } from './model.js';

/**
 * Options of {@link renderTimelineSvg}.
 *
 * @example
 * ```ts
 * import type { RenderTimelineSvgOptions } from 'rx-realtime/node';
 * const options: RenderTimelineSvgOptions = { width: 1200, title: 'session.jsonl' };
 * ```
 */
export interface RenderTimelineSvgOptions {
  /** Width in px; default 1000. The height follows from the lanes. */
  readonly width?: number;
  /** Heading above the subtitle; default `'Session timeline'`. */
  readonly title?: string;
}

const COLORS = {
  user: '#4e79a7',
  assistant: '#f28e2b',
  assistantLength: '#c96a12',
  truncation: '#d62728',
  created: '#59a14f',
  done: '#7f7f7f',
  failed: '#d62728',
  call: '#9467bd',
  grid: '#e5e5e5',
  text: '#222222',
  muted: '#666666',
};

const LEFT = 130;
const RIGHT = 24;
const FONT = 11;
/** Generous width of a character of the 11 px sans-serif font, so text fits into bars. */
const CHAR_PX = FONT * 0.58;
/** Closer average width, to space the legend. */
const LEGEND_CHAR_PX = FONT * 0.5;
const LANES = { user: 70, assistant: 130, events: 190 };
const BAR = 22;
/** The strip under an assistant bar showing the length of its audio. */
const STRIP = 6;
const AXIS_Y = 222;
const LEGEND_Y = 262;
const LEGEND_ROW = 18;
/** Vertical distance between rows of the assistant lane (items that overlap in time). */
const ROW = BAR + STRIP + 18;
const TICK_STEPS_MS = [100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000];

const FORMAT_NAMES: Readonly<Record<AudioFormat, string>> = {
  pcm16: 'PCM16 24 kHz',
  g711_ulaw: 'G.711 u-law 8 kHz',
  g711_alaw: 'G.711 A-law 8 kHz',
};

/** Text for an SVG text node or attribute value. */
function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number, digits = 1) => `${(ms / 1000).toFixed(digits)} s`;
const round = (n: number) => Math.round(n * 10) / 10;

/** Shortens `text` to what fits in `px`, with an ellipsis; empty when not even a word fits. */
function fit(text: string, px: number): string {
  const chars = Math.floor(px / CHAR_PX);
  if (text.length <= chars) return text;
  return chars < 4 ? '' : `${text.slice(0, chars - 1)}…`;
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${round(x)}" y="${round(y)}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;
}

function subtitle(timeline: Timeline): string {
  const clock =
    timeline.clock === 'recorded'
      ? 'Clock: recorded times (t), 0 s = first event'
      : 'Clock: synthetic (the recording has no times): user speech at its input-audio ms, ' +
        'assistant items back to back by audio length';
  return `${clock}. Assistant audio measured as ${FORMAT_NAMES[timeline.audioFormat]}.`;
}

/** Where an assistant item sits: when it was heard if the recording says, else received. */
const span = (item: TimelineInterval) => item.heard ?? item;

/**
 * A row for each assistant item, so items that overlap in time (an answer still arriving
 * while the previous one plays) get their own: the first row free at the item's start.
 */
function assistantRows(items: readonly TimelineInterval[]): number[] {
  const rowEnds: number[] = [];
  return items.map((item) => {
    const { startMs, endMs } = span(item);
    const extent = Math.max(endMs, startMs + item.audioMs);
    let row = rowEnds.findIndex((end) => end <= startMs);
    if (row === -1) row = rowEnds.length;
    rowEnds[row] = extent;
    return row;
  });
}

function markerLabel(marker: TimelineMarker): string {
  switch (marker.kind) {
    case 'truncation':
      return `truncated at ${marker.audioEndMs} ms`;
    case 'response.created':
      return `response.created ${marker.responseId}`;
    case 'response.done':
      return `response.done ${marker.responseId} (${marker.status})`;
    case 'function_call':
      return `${marker.name}()`;
  }
}

/**
 * Draws a {@link Timeline} as a standalone SVG 1.1 document: a time axis in seconds, a lane of
 * user speech, a lane of assistant audio items (a solid bar from the first audio delta to the
 * last, or from the start to the end of its playback when the recording has playback marks, a
 * strip under it as long as the audio; items that overlap in time on rows of their own), truncation points with their `audio_end_ms`,
 * response and function-call markers, and a legend. The subtitle names the clock. Pure.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { renderTimelineSvg, sessionTimeline } from 'rx-realtime/node';
 * writeFileSync('timeline.svg', renderTimelineSvg(sessionTimeline(events), { title: 'call 42' }));
 * ```
 */
export function renderTimelineSvg(
  timeline: Timeline,
  options: RenderTimelineSvgOptions = {},
): string {
  const width = options.width ?? 1000;
  const plot = width - LEFT - RIGHT;
  const step = TICK_STEPS_MS.find((s) => timeline.endMs / s <= 10) ?? 300_000;
  const axisEnd = Math.max(step, Math.ceil(timeline.endMs / step) * step);
  const x = (ms: number) => LEFT + (ms / axisEnd) * plot;
  const out: string[] = [];
  const rows = assistantRows(timeline.lanes.assistant);
  const rowOf = new Map(timeline.lanes.assistant.map((item, i) => [item.itemId, rows[i]]));
  const assistantY = (row: number) => LANES.assistant + row * ROW;
  const extra = Math.max(0, ...rows) * ROW;
  const eventsY = LANES.events + extra;
  const axisY = AXIS_Y + extra;

  out.push(text(16, 24, options.title ?? 'Session timeline', 'font-size="16" font-weight="bold"'));
  out.push(text(16, 42, subtitle(timeline), `fill="${COLORS.muted}"`));

  // Axis and grid.
  const top = LANES.user - BAR;
  for (let ms = 0; ms <= axisEnd; ms += step) {
    const gx = round(x(ms));
    out.push(
      `<line x1="${gx}" y1="${top}" x2="${gx}" y2="${axisY}" stroke="${COLORS.grid}"/>`,
      text(gx, axisY + 16, seconds(ms, step < 1000 ? 1 : 0), 'text-anchor="middle"'),
    );
  }
  out.push(
    `<line x1="${LEFT}" y1="${axisY}" x2="${LEFT + plot}" y2="${axisY}" stroke="${COLORS.text}"/>`,
  );
  for (const [label, y] of [
    ['User speech', LANES.user],
    ['Assistant audio', LANES.assistant],
    ['Events', eventsY],
  ] as const) {
    out.push(text(16, y + 4, label, 'font-weight="bold"'));
  }

  /** Where each assistant item was cut, if it was: the audio after it was never heard. */
  const keptMs = new Map<string, number>();
  for (const m of timeline.markers) if (m.kind === 'truncation') keptMs.set(m.itemId, m.audioEndMs);

  const bar = (
    interval: TimelineInterval,
    y: number,
    kind: 'user' | 'assistant',
    tooltip: string,
    /** Where the next bar of the lane starts: captions stop there. */
    nextStartMs = Infinity,
  ): void => {
    const shown = span(interval);
    const x0 = x(shown.startMs);
    let stripEndPx = x0;
    if (kind === 'assistant') {
      const kept = Math.min(interval.audioMs, keptMs.get(interval.itemId) ?? interval.audioMs);
      const keptPx = Math.max(1, x(shown.startMs + kept) - x0);
      const lengthPx = Math.max(1, x(shown.startMs + interval.audioMs) - x0);
      out.push(
        `<rect class="audio-length" x="${round(x0)}" y="${y + BAR / 2 + 2}" width="${round(keptPx)}" height="${STRIP}" fill="${COLORS.assistantLength}"/>`,
      );
      if (lengthPx > keptPx)
        out.push(
          `<rect class="audio-discarded" x="${round(x0 + keptPx)}" y="${y + BAR / 2 + 2}" width="${round(lengthPx - keptPx)}" height="${STRIP}" fill="${COLORS.assistantLength}" fill-opacity="0.25"/>`,
        );
      stripEndPx = x0 + lengthPx;
    }
    const px = Math.max(2, x(shown.endMs) - x0);
    out.push(
      `<rect class="interval ${kind}" x="${round(x0)}" y="${y - BAR / 2}" width="${round(px)}" height="${BAR}" fill="${COLORS[kind]}" fill-opacity="${kind === 'assistant' ? 0.85 : 1}">` +
        `<title>${escapeXml(tooltip)}</title></rect>`,
    );
    // A heard bar holds its caption: past it lies audio nobody heard.
    const room = Math.min(interval.heard ? px : Math.max(px, stripEndPx - x0), x(nextStartMs) - x0);
    const caption = fit(interval.transcript ?? seconds(interval.audioMs), room - 6);
    if (caption)
      out.push(text(x0 + 3, y + 4, caption, `fill="${kind === 'user' ? '#ffffff' : COLORS.text}"`));
  };

  for (const turn of timeline.lanes.user) {
    const said = turn.transcript ? `: ${turn.transcript}` : '';
    const open = turn.open ? ' (no speech_stopped)' : '';
    bar(turn, LANES.user, 'user', `${turn.itemId}, ${turn.audioMs} ms of speech${open}${said}`);
  }
  timeline.lanes.assistant.forEach((item, i, items) => {
    const said = item.transcript ? `: ${item.transcript}` : '';
    const heard = item.heard ? `, ${Math.round(item.heard.playedMs)} ms heard` : '';
    const tip = `${item.itemId}, ${Math.round(item.audioMs)} ms of audio${heard}${said}`;
    const next = items.slice(i + 1).find((other) => rowOf.get(other.itemId) === rows[i]);
    bar(item, assistantY(rows[i]), 'assistant', tip, next && span(next).startMs);
  });

  for (const marker of timeline.markers) {
    const mx = round(x(marker.atMs));
    const label = markerLabel(marker);
    const title = `<title>${escapeXml(label)}</title>`;
    switch (marker.kind) {
      case 'truncation': {
        const y = assistantY(rowOf.get(marker.itemId) ?? 0);
        const by = `${label} (${marker.by.join(' + ')}) on ${marker.itemId}`;
        out.push(
          `<line class="truncation" x1="${mx}" y1="${y - BAR / 2 - 6}" x2="${mx}" y2="${y + BAR / 2 + 6}" stroke="${COLORS.truncation}" stroke-width="2"><title>${escapeXml(by)}</title></line>`,
          text(mx, y - BAR / 2 - 9, label, `fill="${COLORS.truncation}" text-anchor="middle"`),
        );
        break;
      }
      case 'response.created': {
        const y = eventsY;
        out.push(
          `<path class="marker created" d="M${mx} ${y - 7} l9 7 l-9 7 z" fill="${COLORS.created}">${title}</path>`,
        );
        break;
      }
      case 'response.done': {
        const y = eventsY;
        const fill = marker.status === 'completed' ? COLORS.done : COLORS.failed;
        out.push(
          `<rect class="marker done" x="${mx - 6}" y="${y - 6}" width="12" height="12" fill="${fill}">${title}</rect>`,
        );
        if (marker.status !== 'completed')
          out.push(text(mx, y + 20, marker.status, `fill="${fill}" text-anchor="middle"`));
        break;
      }
      case 'function_call': {
        const y = eventsY;
        out.push(
          `<path class="marker call" d="M${mx} ${y - 8} l8 8 l-8 8 l-8 -8 z" fill="${COLORS.call}">${title}</path>`,
          text(mx, y - 12, label, `fill="${COLORS.call}" text-anchor="middle"`),
        );
        break;
      }
    }
  }

  // Legend.
  const legend: readonly [string, string][] = [
    [COLORS.user, 'user speech'],
    [
      COLORS.assistant,
      timeline.lanes.assistant.some((item) => item.heard)
        ? 'assistant audio heard (playback marks)'
        : 'assistant audio received (first to last delta)',
    ],
    [COLORS.assistantLength, 'assistant audio length (strip; faded after a truncation)'],
    [
      COLORS.truncation,
      timeline.lanes.assistant.some((item) => item.heard)
        ? 'truncation (playback start + audio_end_ms)'
        : 'truncation (item start + audio_end_ms)',
    ],
    [COLORS.created, 'response.created'],
    [COLORS.done, 'response.done'],
    [COLORS.call, 'function call'],
  ];
  let lx = 16;
  let ly = LEGEND_Y + extra;
  for (const [color, label] of legend) {
    const itemPx = 16 + label.length * LEGEND_CHAR_PX + 18;
    if (lx > 16 && lx + itemPx > width - RIGHT) {
      lx = 16;
      ly += LEGEND_ROW;
    }
    out.push(
      `<rect class="legend" x="${lx}" y="${ly - 9}" width="12" height="12" fill="${color}"/>`,
      text(lx + 16, ly + 1, label),
    );
    lx = round(lx + itemPx);
  }
  const height = ly + 14;

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="${FONT}" fill="${COLORS.text}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...out,
    '</svg>',
    '',
  ].join('\n');
}
