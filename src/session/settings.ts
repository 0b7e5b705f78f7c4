// The configuration a session applies on every connection: the handshake's settings with the
// tools declared, and every later `update()` merged in, so that a new connection (after a drop)
// is configured as the old one ended, not as it started.
import type { Tool } from './toolLoop.js';
import type { SessionSettings } from './types.js';

type Plain = { readonly [key: string]: unknown };

const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep merge of plain objects, as the service applies a partial `session.update`. */
function deepMerge(base: Plain, update: Plain): Plain {
  const merged: { [key: string]: unknown } = { ...base };
  for (const [key, value] of Object.entries(update)) {
    const before = merged[key];
    const next = isPlain(before) && isPlain(value) ? deepMerge(before, value) : value;
    Object.defineProperty(merged, key, {
      value: next,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged;
}

/** `settings` with `update` applied: nested objects merged, arrays and values replaced. */
export function mergeSettings(settings: SessionSettings, update: SessionSettings): SessionSettings {
  return deepMerge(settings, update) as SessionSettings;
}

/** The session settings with the function tools of `tools` declared after any given ones. */
export function withTools(settings: SessionSettings, tools: readonly Tool[]): SessionSettings {
  if (tools.length === 0) return settings;
  const declared = tools.map((tool) => ({
    type: 'function' as const,
    name: tool.name,
    description: tool.description,
    parameters: tool.parameters,
  }));
  return { ...settings, tools: [...(settings.tools ?? []), ...declared] };
}
