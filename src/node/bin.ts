#!/usr/bin/env node
// The `rx-realtime` executable (`npx rx-realtime simulate`).
import { buildCli } from './cli.js';

void buildCli().parseAsync(process.argv);
