/**
 * The comparison page: `/compare?runs=<id>,<id>,…` (2 to 20 runs, from any instances) in one
 * `<run-compare>`, each run followed live over its own SSE stream.
 */
import '@athanor/components/run-compare';
import type { Instance } from '../src/instances.ts';
import type { RunSummary } from '../src/run-hub.ts';
import { api, el, instanceUrl } from './dom.ts';
import type { Page } from './pages.ts';

/** The run ids of a comparison URL's `runs` parameter, in order, without repeats. */
export function compareIds(search: string): string[] {
  const raw = new URLSearchParams(search).get('runs') ?? '';
  return [...new Set(raw.split(',').filter((id) => id !== ''))];
}

export async function comparePage(search: string): Promise<Page> {
  const ids = compareIds(search);
  // The trail leads back to the instance when every run belongs to the same one.
  const summaries = await Promise.all(
    ids
      .slice(0, 20)
      .map((id) => api<RunSummary>(`/api/runs/${encodeURIComponent(id)}`).catch(() => undefined)),
  );
  const missing = ids.filter((_, i) => i < 20 && summaries[i] === undefined);
  const instances = new Set(summaries.map((s) => s?.instance ?? null));
  const only = instances.size === 1 ? [...instances][0] : null;
  const instance = only
    ? (await api<Pick<Instance, 'id' | 'name'>[]>('/api/instances').catch(() => [])).find(
        (i) => i.id === only,
      )
    : undefined;
  const title = `Compare ${ids.length} run${ids.length === 1 ? '' : 's'}`;
  const compare = el('run-compare', {
    id: 'compare',
    runIds: ids.filter((id) => !missing.includes(id)),
    srcTemplate: '/api/runs/{id}/events',
    runHref: '/runs/{id}',
  });
  return {
    title,
    trail: [
      { label: 'Instances', href: '/' },
      ...(only ? [{ label: instance?.name ?? only, href: instanceUrl(only) }] : []),
      { label: title },
    ],
    content: el(
      'div',
      { className: 'page' },
      el('h2', { className: 'page-title', tabIndex: -1 }, title),
      missing.length > 0
        ? el(
            'p',
            { className: 'error', role: 'alert' },
            `Not found, left out: ${missing.join(', ')}`,
          )
        : '',
      compare,
    ),
  };
}
