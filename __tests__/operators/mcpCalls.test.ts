import type { ServerEvent } from '../../src/protocol/index.js';
import { mcpCalls } from '../../src/operators/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract } from '../helpers/operator-contract.js';
import { created } from './events.js';

const ev = (type: string, fields: Record<string, unknown> = {}): ServerEvent =>
  ({ type, event_id: `e_${type}`, item_id: 'mcp_1', output_index: 0, ...fields }) as ServerEvent;

describe('mcpCalls', () => {
  itKeepsTheOperatorContract({
    operator: () => mcpCalls(),
    quiet: created('r1'),
    // not an event at all: reading its type throws
    poison: null,
  });

  it('reports the listing of tools and each call, and nothing else', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const events = hot('-abcdefg', {
        a: ev('mcp_list_tools.in_progress'),
        b: ev('mcp_list_tools.completed'),
        c: created('r1'),
        d: ev('response.mcp_call_arguments.done', { response_id: 'r1', arguments: '{"q":1}' }),
        e: ev('response.mcp_call.in_progress'),
        f: ev('response.mcp_call.failed'),
        g: ev('mcp_list_tools.failed'),
      });
      expectObservable(events.pipe(mcpCalls())).toBe('-ab-defg', {
        a: { kind: 'list_tools', status: 'in_progress', itemId: 'mcp_1' },
        b: { kind: 'list_tools', status: 'completed', itemId: 'mcp_1' },
        d: { kind: 'call', status: 'arguments', itemId: 'mcp_1', arguments: '{"q":1}' },
        e: { kind: 'call', status: 'in_progress', itemId: 'mcp_1' },
        f: { kind: 'call', status: 'failed', itemId: 'mcp_1' },
        g: { kind: 'list_tools', status: 'failed', itemId: 'mcp_1' },
      });
    });
  });
});
