/**
 * The demo portal: lists the host's runs and follows one live through the protocol package
 * (one SSE connection, shared by the Athanor elements and the plain details below them),
 * rendering at most once per animation frame. The elements come from the components package's
 * public entries; what they do not show yet is plain DOM, its text only ever set as textContent.
 */
import { fromSSE, RunState, type StreamItem } from '@athanor/protocol';
import '@athanor/components/result-tree';
import '@athanor/components/run-log';
import '@athanor/components/run-scope';
import '@athanor/components/run-status';
import '@athanor/components/theme-switch';
import { share, type Subscription } from 'rxjs';
import type { RunSummary } from '../src/run-hub.ts';

const runsList = document.querySelector<HTMLUListElement>('#runs')!;
const runsError = document.querySelector<HTMLParagraphElement>('#runs-error')!;
const panel = document.querySelector<HTMLElement>('#run')!;
const startButton = document.querySelector<HTMLButtonElement>('#start-run')!;

let following:
  { id: string; state: RunState; subscription: Subscription; details: HTMLElement } | undefined;
let frame: number | undefined;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

async function loadRuns(): Promise<void> {
  try {
    const response = await fetch('/api/runs');
    if (!response.ok) throw new Error(`the host answered ${response.status}`);
    const runs = (await response.json()) as RunSummary[];
    runsError.hidden = true;
    runsList.replaceChildren(
      ...runs.map((run) =>
        el(
          'li',
          {},
          el(
            'a',
            { href: `#/runs/${encodeURIComponent(run.id)}` },
            run.name ?? run.id,
            el('span', { className: 'muted' }, ` · ${run.live ? 'live' : run.status}`),
          ),
        ),
      ),
    );
    markCurrent();
  } catch (error) {
    runsError.hidden = false;
    runsError.textContent = `Could not list runs: ${(error as Error).message}`;
  }
}

function markCurrent(): void {
  for (const a of runsList.querySelectorAll('a')) {
    if (a.getAttribute('href') === location.hash) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function follow(id: string): void {
  following?.subscription.unsubscribe();
  const state = new RunState(id);
  // One connection: the elements in the scope and the details below subscribe to the same one.
  const events = fromSSE(`/api/runs/${encodeURIComponent(id)}/events`).pipe(share());
  const scope = el('run-scope', { events });
  // Cancel goes to the host: a simulated run stops at once; an external one is asked to stop.
  const status = el('run-status', {
    sticky: true,
    documentTitle: true,
    cancelUrl: `/api/runs/${encodeURIComponent(id)}/cancel`,
  });
  const details = el('div', { id: 'run-details' });
  const logView = el('run-log', { id: 'run-log' });
  const results = el('result-tree', { id: 'run-results' });
  scope.append(
    el('h2', { id: 'run-title' }, id),
    status,
    logView,
    el('h2', {}, 'Results'),
    results,
    details,
  );
  panel.replaceChildren(scope);
  const subscription = events.subscribe({
    next: (item: StreamItem) => {
      state.apply(item);
      scheduleRender();
    },
    complete: () => void loadRuns(),
  });
  following = { id, state, subscription, details };
  scheduleRender();
}

function scheduleRender(): void {
  frame ??= requestAnimationFrame(() => {
    frame = undefined;
    if (following) renderRun(following.id, following.state, following.details);
  });
}

function renderRun(id: string, s: RunState, details: HTMLElement): void {
  const title = document.querySelector('#run-title');
  if (title) title.textContent = s.name ?? id;
  const rows: [string, Node | string][] = [
    ['run', id],
    ['instance', s.instance ?? '—'],
    ['connection', s.connection ? s.connection.state : '—'],
    ['events', el('span', { id: 'run-events' }, String(s.counts.events))],
  ];
  if (s.counts.invalid + s.counts.gaps + s.counts.unknownTypes > 0) {
    rows.push([
      'diagnostics',
      `${s.counts.invalid} invalid · ${s.counts.unknownTypes} unknown type · ${s.counts.missing} missing`,
    ]);
  }
  details.replaceChildren(
    el('dl', {}, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
  );
}

function route(): void {
  const match = /^#\/runs\/(.+)$/.exec(location.hash);
  markCurrent();
  if (match) follow(decodeURIComponent(match[1]!));
}

startButton.addEventListener('click', async () => {
  startButton.disabled = true;
  try {
    const response = await fetch('/api/runs', { method: 'POST' });
    const body = (await response.json()) as { id?: string; error?: string };
    if (!response.ok || !body.id)
      throw new Error(body.error ?? `the host answered ${response.status}`);
    await loadRuns();
    location.hash = `#/runs/${encodeURIComponent(body.id)}`;
  } catch (error) {
    runsError.hidden = false;
    runsError.textContent = `Could not start a run: ${(error as Error).message}`;
  } finally {
    startButton.disabled = false;
  }
});
addEventListener('hashchange', route);
void loadRuns().then(route);
