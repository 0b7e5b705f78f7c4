// The session timeline behind `npx rx-realtime timeline`: a pure model of recorded events
// (model.ts), read from a recording's text (recording.ts), drawn as SVG (svg.ts) and summed up
// in one line (summary.ts).
export { sessionTimeline } from './model.js';
export type {
  SessionTimelineOptions,
  Timeline,
  TimelineClock,
  TimelineInput,
  TimelineInterval,
  TimelineMarker,
} from './model.js';
export { recordingTimeline, type RecordingTimelineOptions } from './recording.js';
export { renderTimelineSvg, type RenderTimelineSvgOptions } from './svg.js';
export { timelineSummary } from './summary.js';
