import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The recorded sample streams copied from the protocol reference, one wire event per line. */
export const SAMPLES_DIR = join(__dirname, '..', 'fixtures', 'samples');

export const SCENARIOS = ['text-only', 'audio-response', 'function-call', 'interruption'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export function sampleLines(name: string): string[] {
  return readFileSync(join(SAMPLES_DIR, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

export function sampleFiles(): string[] {
  return readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.jsonl'));
}
