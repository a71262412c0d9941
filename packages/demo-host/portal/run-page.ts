/**
 * The run page: one SSE connection through the protocol package, shared by the Athanor elements
 * in a `<run-scope>` and the plain details below them (rendered at most once per frame).
 */
import { fromSSE, RunState, type StreamItem } from '@athanor/protocol';
import '@athanor/components/result-stats';
import '@athanor/components/result-tree';
import '@athanor/components/run-log';
import '@athanor/components/run-scope';
import '@athanor/components/run-status';
import { share } from 'rxjs';
import type { Instance } from '../src/instances.ts';
import type { RunSummary } from '../src/run-hub.ts';
import { api, el, instanceUrl } from './dom.ts';
import type { Page } from './pages.ts';

export async function runPage(id: string): Promise<Page> {
  const summary = await api<RunSummary>(`/api/runs/${encodeURIComponent(id)}`);
  // A producer may name an instance the host does not hold: look it up in the list, not by id.
  const instance = summary.instance
    ? (await api<Pick<Instance, 'id' | 'name'>[]>('/api/instances').catch(() => [])).find(
        (i) => i.id === summary.instance,
      )
    : undefined;
  const state = new RunState(id);
  const events = fromSSE(`/api/runs/${encodeURIComponent(id)}/events`).pipe(share());
  const scope = el('run-scope', { events });
  // Cancel goes to the host: a simulated run stops at once; an external one is asked to stop.
  const status = el('run-status', {
    sticky: true,
    documentTitle: true,
    cancelUrl: `/api/runs/${encodeURIComponent(id)}/cancel`,
  });
  const title = el(
    'h2',
    { id: 'run-title', className: 'page-title', tabIndex: -1 },
    summary.name ?? id,
  );
  const details = el('div', { id: 'run-details' });
  scope.append(
    title,
    status,
    el('run-log', { id: 'run-log' }),
    el('h3', {}, 'Results'),
    el(
      'div',
      { className: 'results' },
      el('result-tree', { id: 'run-results' }),
      el('result-stats', { id: 'run-stats' }),
    ),
    el('h3', {}, 'Details'),
    details,
  );

  let frame: number | undefined;
  const render = () => {
    frame = undefined;
    title.textContent = state.name ?? id;
    const rows: [string, Node | string][] = [
      ['run', el('span', { className: 'mono' }, id)],
      [
        'instance',
        summary.instance
          ? el('a', { href: instanceUrl(summary.instance) }, instance?.name ?? summary.instance)
          : '—',
      ],
      ['connection', state.connection ? state.connection.state : '—'],
      ['events', el('span', { id: 'run-events' }, String(state.counts.events))],
    ];
    const c = state.counts;
    if (c.invalid + c.gaps + c.unknownTypes > 0)
      rows.push([
        'diagnostics',
        `${c.invalid} invalid · ${c.unknownTypes} unknown type · ${c.missing} missing`,
      ]);
    details.replaceChildren(
      el('dl', {}, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
    );
  };
  const subscription = events.subscribe((item: StreamItem) => {
    state.apply(item);
    frame ??= requestAnimationFrame(render);
  });
  render();
  const name = summary.name ?? id;
  return {
    title: name,
    trail: [
      { label: 'Instances', href: '/' },
      ...(summary.instance
        ? [{ label: instance?.name ?? summary.instance, href: instanceUrl(summary.instance) }]
        : []),
      { label: name },
    ],
    content: el('div', { className: 'page' }, scope),
    leave: () => {
      subscription.unsubscribe();
      if (frame !== undefined) cancelAnimationFrame(frame);
    },
  };
}
