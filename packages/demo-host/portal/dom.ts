/**
 * Small helpers of the portal: building DOM (text only ever set as text) and calling the host's
 * API with its error messages surfaced.
 */

/** Creates an element with properties and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** An error the host answered, with its message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Fetches a host API path as JSON. A non-2xx answer throws an {@link ApiError} carrying the
 * host's `error` message (every API error is `{"error": "..."}`).
 */
export async function api<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const { json, ...rest } = init ?? {};
  const response = await fetch(path, {
    ...rest,
    ...(json !== undefined
      ? { body: JSON.stringify(json), headers: { 'Content-Type': 'application/json' } }
      : {}),
  });
  const body = (await response.json().catch(() => undefined)) as { error?: string } | undefined;
  if (!response.ok)
    throw new ApiError(response.status, body?.error ?? `the host answered ${response.status}`);
  return body as T;
}

/** `/runs/<id>` and `/instances/<id>`: the portal's own URLs. */
export const runUrl = (id: string) => `/runs/${encodeURIComponent(id)}`;
export const instanceUrl = (id: string) => `/instances/${encodeURIComponent(id)}`;

/** A local date and time for the portal's tables and headers. */
export const dateTime = (epochMs: number) =>
  new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A message in an alert region (replacing the one before). */
export function showError(region: HTMLElement, message: string): void {
  region.hidden = false;
  region.textContent = message;
}
