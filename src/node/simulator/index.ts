export { startSimulator, type RunningSimulator } from './server.js';
export { defaultScript, DEFAULT_TRANSCRIPT } from './script.js';
export { toneAndSilence, synthesizeSpeech } from './audio.js';
export type {
  CloseFault,
  Reply,
  Script,
  ScriptContext,
  SentFrameInfo,
  SimulatorFaults,
  SimulatorOptions,
  SimulatorPace,
} from './types.js';
export type { CallerInput, CallInfo, CallState, PlaceCallOptions } from './calls.js';
