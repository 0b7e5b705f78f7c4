import { filter, map, type OperatorFunction } from 'rxjs';
import type { ServerEvent } from '../protocol/index.js';

/**
 * The progress of the MCP work the service does itself for tools declared with `type: 'mcp'`:
 * listing a server's tools (`list_tools`) and each tool call (`call`, with its arguments once
 * they are complete). The results are items of the conversation (`mcp_list_tools`, `mcp_call`).
 *
 * @example
 * ```ts
 * import type { McpCallUpdate } from 'rx-realtime';
 * const show = (u: McpCallUpdate): string => `${u.kind} ${u.itemId}: ${u.status}`;
 * ```
 */
export type McpCallUpdate =
  | {
      /** Listing the tools of an MCP server. */
      readonly kind: 'list_tools';
      /** Where the listing is. */
      readonly status: 'in_progress' | 'completed' | 'failed';
      /** The `mcp_list_tools` item. */
      readonly itemId: string;
    }
  | {
      /** One MCP tool call. */
      readonly kind: 'call';
      /** `arguments` once the model finished them, then the service's progress. */
      readonly status: 'arguments' | 'in_progress' | 'completed' | 'failed';
      /** The `mcp_call` item. */
      readonly itemId: string;
      /** The JSON arguments, with `status: 'arguments'`. */
      readonly arguments?: string;
    };

/** Which update each MCP event is. */
const UPDATES: ReadonlyMap<string, Pick<McpCallUpdate, 'kind' | 'status'>> = new Map([
  ['mcp_list_tools.in_progress', { kind: 'list_tools', status: 'in_progress' }],
  ['mcp_list_tools.completed', { kind: 'list_tools', status: 'completed' }],
  ['mcp_list_tools.failed', { kind: 'list_tools', status: 'failed' }],
  ['response.mcp_call_arguments.done', { kind: 'call', status: 'arguments' }],
  ['response.mcp_call.in_progress', { kind: 'call', status: 'in_progress' }],
  ['response.mcp_call.completed', { kind: 'call', status: 'completed' }],
  ['response.mcp_call.failed', { kind: 'call', status: 'failed' }],
]);

function updateOf(e: ServerEvent): McpCallUpdate | undefined {
  const update = UPDATES.get(e.type);
  if (!update || !('item_id' in e)) return undefined;
  const args = e.type === 'response.mcp_call_arguments.done' ? { arguments: e.arguments } : {};
  return { ...update, itemId: e.item_id, ...args } as McpCallUpdate;
}

/**
 * Picks the MCP progress events out of the stream as {@link McpCallUpdate}s, so an app can show
 * "calling the calendar server..." without filtering raw events.
 *
 * @example
 * ```ts
 * import type { Observable } from 'rxjs';
 * import { mcpCalls, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * events$.pipe(mcpCalls()).subscribe((u) => console.log(u.kind, u.status, u.itemId));
 * ```
 */
export function mcpCalls(): OperatorFunction<ServerEvent, McpCallUpdate> {
  return (events$) =>
    events$.pipe(
      map(updateOf),
      filter((u): u is McpCallUpdate => u !== undefined),
    );
}
