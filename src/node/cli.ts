import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command } from 'commander';
import { describeEntry, replayConversation } from './replay.js';
import { startSimulator } from './simulator/index.js';
import type { SimulatorPace } from './simulator/index.js';
import { recordingTimeline, renderTimelineSvg, timelineSummary } from './timeline/index.js';

/**
 * Builds the `rx-realtime` command line; subcommands register themselves on the program.
 *
 * @example
 * ```ts
 * import { buildCli } from './cli.js';
 * await buildCli().parseAsync(['node', 'rx-realtime', 'simulate', '--port', '8080']);
 * ```
 */
export function buildCli(): Command {
  const program = new Command('rx-realtime').description('rx-realtime tools');
  program
    .command('simulate')
    .description('run the OpenAI Realtime simulator on 127.0.0.1')
    .option('--port <port>', 'TCP port', '8080')
    .option('--api-key <key>', 'require this API key')
    .option('--pace <pace>', 'audio pace: fast | realtime | instant', 'fast')
    .action(async (opts: { port: string; apiKey?: string; pace: string }) => {
      const pace: SimulatorPace =
        opts.pace === 'realtime' || opts.pace === 'instant' ? opts.pace : 'fast';
      const sim = await startSimulator({ port: Number(opts.port), apiKey: opts.apiKey, pace });
      process.stdout.write(`Realtime simulator listening on ${sim.url}\n`);
      const stop = () => void sim.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  program
    .command('replay')
    .description('print the conversation a JSONL recording assembles to')
    .argument('<file>', 'recording: one wire event per line, or recordWire lines')
    .option('--dialect <dialect>', 'ga | beta', 'ga')
    .action(async (file: string, opts: { dialect: string }) => {
      const state = await replayConversation(file, {
        dialect: opts.dialect === 'beta' ? 'beta' : 'ga',
        onError: (error) => process.stderr.write(`skipped ${error.message}\n`),
      });
      for (const entry of state.items) process.stdout.write(`${describeEntry(entry)}\n`);
    });
  program
    .command('timeline')
    .description('draw a JSONL recording as an SVG session timeline')
    .argument('<file>', 'recording: one wire event per line, or recordWire lines')
    .requiredOption('--svg <out>', 'SVG file to write')
    .option('--dialect <dialect>', 'ga | beta', 'ga')
    .action((file: string, opts: { svg: string; dialect: string }) => {
      const timeline = recordingTimeline(readFileSync(file, 'utf8'), {
        dialect: opts.dialect === 'beta' ? 'beta' : 'ga',
        onError: (error) => process.stderr.write(`skipped ${error.message}\n`),
      });
      writeFileSync(opts.svg, renderTimelineSvg(timeline, { title: basename(file) }));
      process.stdout.write(`timeline: ${timelineSummary(timeline)} -> ${opts.svg}\n`);
    });
  return program;
}
