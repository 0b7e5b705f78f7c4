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

function updateOf(e: ServerEvent): McpCallUpdate | undefined {
  switch (e.type) {
    case 'mcp_list_tools.in_progress':
      return { kind: 'list_tools', status: 'in_progress', itemId: e.item_id };
    case 'mcp_list_tools.completed':
      return { kind: 'list_tools', status: 'completed', itemId: e.item_id };
    case 'mcp_list_tools.failed':
      return { kind: 'list_tools', status: 'failed', itemId: e.item_id };
    case 'response.mcp_call_arguments.done':
      return { kind: 'call', status: 'arguments', itemId: e.item_id, arguments: e.arguments };
    case 'response.mcp_call.in_progress':
      return { kind: 'call', status: 'in_progress', itemId: e.item_id };
    case 'response.mcp_call.completed':
      return { kind: 'call', status: 'completed', itemId: e.item_id };
    case 'response.mcp_call.failed':
      return { kind: 'call', status: 'failed', itemId: e.item_id };
    default:
      return undefined;
  }
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
