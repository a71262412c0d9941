/**
 * The portal's list pages: the instances (with a form for a new one and every run of the host),
 * and one instance (its read-only configuration, run history, starting a run, cloning).
 */
import '@athanor/components/result-tree';
import '@athanor/components/run-history';
import type { RunSelectionEvent } from '@athanor/components';
import type { Instance } from '../src/instances.ts';
import type { RunSummary } from '../src/run-hub.ts';
import { SIMULATION_LIMITS } from '../src/simulation-limits.ts';
import { api, dateTime, el, instanceUrl, runUrl, showError } from './dom.ts';

/** What a page gives the router: its title, breadcrumb trail and content. */
export interface Page {
  title: string;
  /** Links above the page, the last one the page itself (`href` undefined). */
  trail: { label: string; href?: string }[];
  content: Node;
  /** Called when the reader leaves the page. */
  leave?: () => void;
}

type InstanceListing = Pick<Instance, 'id' | 'name' | 'createdAt' | 'clonedFrom'> & {
  runs: number;
};

/** A form field with its label; `hint` is tied to it as a description. */
function field(label: string, control: HTMLInputElement | HTMLTextAreaElement, hint?: string) {
  const hintNode = hint ? el('span', { className: 'hint', id: `${control.id}-hint` }, hint) : '';
  if (hint) control.setAttribute('aria-describedby', `${control.id}-hint`);
  return el(
    'div',
    { className: 'field' },
    el('label', { htmlFor: control.id }, label),
    control,
    hintNode,
  );
}

/** An alert region for a form's errors, hidden until one happens. */
const alertRegion = () => el('p', { className: 'error', role: 'alert', hidden: true });

/** Parses a JSON object from a textarea, or says where it is broken. */
function parseConfig(text: string): { config: Record<string, unknown> } | { error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { error: 'The configuration must be a JSON object ({…}).' };
    return { config: value as Record<string, unknown> };
  } catch (error) {
    return { error: `The configuration is not valid JSON: ${(error as Error).message}` };
  }
}

/** A form that creates an instance from a name and a configuration, then opens it. */
function instanceForm(
  options: { idPrefix: string; name: string; config: unknown; submit: string; endpoint: string },
  navigate: (url: string) => void,
): HTMLFormElement {
  const name = el('input', {
    id: `${options.idPrefix}-name`,
    name: 'name',
    required: true,
    maxLength: 200,
    value: options.name,
  });
  const config = el('textarea', {
    id: `${options.idPrefix}-config`,
    name: 'config',
    rows: 12,
    spellcheck: false,
    value: JSON.stringify(options.config, null, 2),
  });
  const error = alertRegion();
  const button = el('button', { type: 'submit', className: 'primary' }, options.submit);
  const form = el(
    'form',
    { className: 'stack' },
    field('Name', name),
    field('Configuration (JSON)', config, 'Fixed once created: runs stay reproducible.'),
    el('div', { className: 'actions' }, button),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = parseConfig(config.value);
    if ('error' in parsed) {
      showError(error, parsed.error);
      config.focus();
      return;
    }
    button.disabled = true;
    api<Instance>(options.endpoint, {
      method: 'POST',
      json: { name: name.value, config: parsed.config },
    })
      .then((created) => navigate(instanceUrl(created.id)))
      .catch((e: Error) => showError(error, `Could not create the instance: ${e.message}`))
      .finally(() => (button.disabled = false));
  });
  return form;
}

/** The start page: every instance, a new one, and all runs of the host. */
export async function homePage(navigate: (url: string) => void): Promise<Page> {
  const instances = await api<InstanceListing[]>('/api/instances');
  const names = new Map(instances.map((i) => [i.id, i.name]));
  const rows = instances.map((instance) =>
    el(
      'tr',
      {},
      el('td', {}, el('a', { href: instanceUrl(instance.id) }, instance.name)),
      el('td', { className: 'numeric' }, String(instance.runs)),
      el('td', {}, dateTime(instance.createdAt)),
      el(
        'td',
        {},
        instance.clonedFrom
          ? el(
              'a',
              { href: instanceUrl(instance.clonedFrom) },
              names.get(instance.clonedFrom) ?? instance.clonedFrom,
            )
          : el('span', { className: 'muted' }, '—'),
      ),
    ),
  );
  const table = el(
    'table',
    { className: 'listing', id: 'instances' },
    el('caption', { className: 'sr-only' }, 'Instances'),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['Instance', 'Runs', 'Created', 'Cloned from'].map((h) =>
          el('th', { scope: 'col', className: h === 'Runs' ? 'numeric' : '' }, h),
        ),
      ),
    ),
    el('tbody', {}, ...rows),
  );
  const create = el(
    'details',
    { className: 'panel' },
    el('summary', {}, 'New instance…'),
    instanceForm(
      {
        idPrefix: 'new',
        name: '',
        config: { model: 'llama-3.1-8b', dataset: 'gsm8k', learning_rate: 2e-5, seed: 0 },
        submit: 'Create instance',
        endpoint: '/api/instances',
      },
      navigate,
    ),
  );
  const startError = alertRegion();
  const start = el('button', { type: 'button', id: 'start-run' }, 'Start a simulated run');
  start.addEventListener('click', () => {
    start.disabled = true;
    api<{ id: string }>('/api/runs', { method: 'POST' })
      .then(({ id }) => navigate(runUrl(id)))
      .catch((e: Error) => showError(startError, `Could not start a run: ${e.message}`))
      .finally(() => (start.disabled = false));
  });
  const history = el('run-history', {
    id: 'all-runs',
    src: '/api/runs',
    runHref: '/runs/{id}',
    selectable: true,
    label: 'All runs',
  });
  return {
    title: 'Instances',
    trail: [{ label: 'Instances' }],
    content: el(
      'div',
      { className: 'page' },
      el('h2', { className: 'page-title', tabIndex: -1 }, 'Instances'),
      instances.length > 0 ? table : el('p', { className: 'empty' }, 'No instances yet.'),
      create,
      el(
        'div',
        { className: 'section-head' },
        el('h2', {}, 'All runs'),
        el('div', { className: 'actions' }, start),
      ),
      startError,
      history,
      compareBar(history, navigate),
    ),
  };
}

/** How many runs a comparison takes. */
const COMPARE = { min: 2, max: 20 } as const;

/** The comparison page of some runs. */
export const compareUrl = (ids: readonly string[]) =>
  `/compare?runs=${ids.map(encodeURIComponent).join(',')}`;

/** Under a selectable run history: what is selected, and the button that compares it. */
function compareBar(
  history: HTMLElementTagNameMap['run-history'],
  navigate: (url: string) => void,
) {
  const status = el('span', { className: 'muted', id: `${history.id}-selection`, role: 'status' });
  const button = el('button', { type: 'button', disabled: true }, 'Compare selected');
  const show = (ids: readonly string[]) => {
    const n = ids.length;
    button.disabled = n < COMPARE.min || n > COMPARE.max;
    status.textContent =
      n === 0
        ? `Select ${COMPARE.min} to ${COMPARE.max} runs to compare them.`
        : n < COMPARE.min
          ? `1 run selected: select at least ${COMPARE.min} to compare.`
          : n > COMPARE.max
            ? `${n} runs selected: at most ${COMPARE.max} can be compared.`
            : `${n} runs selected for comparison.`;
  };
  history.addEventListener('run-selection-change', (event: RunSelectionEvent) =>
    show(event.selected),
  );
  button.addEventListener('click', () => navigate(compareUrl(history.selected)));
  show([]);
  return el('div', { className: 'compare-bar' }, button, status);
}

/** Reads a number input within its limits, or says which limit it breaks. */
function readNumber(input: HTMLInputElement, label: string): number | string {
  const value = input.valueAsNumber;
  if (!Number.isFinite(value)) return `${label}: enter a number.`;
  if (value < Number(input.min) || value > Number(input.max))
    return `${label}: from ${input.min} to ${input.max}.`;
  return value;
}

/** The form that starts a simulated run of an instance (or opens an external one). */
function startForm(instance: Instance, navigate: (url: string) => void): HTMLFormElement {
  const limits = SIMULATION_LIMITS;
  const events = el('input', {
    id: 'start-events',
    type: 'number',
    min: String(limits.events.min),
    max: String(limits.events.max),
    step: '1',
    value: String(limits.events.default),
  });
  const rate = el('input', {
    id: 'start-rate',
    type: 'number',
    min: '1',
    max: '1000',
    step: '1',
    value: String(Math.round(1000 / limits.intervalMs.default)),
  });
  const failure = el('input', {
    id: 'start-failure',
    type: 'number',
    min: '0',
    max: '100',
    step: '1',
    value: '0',
  });
  const duration = el('output', {
    id: 'start-duration',
    htmlFor: 'start-events start-rate',
  } as never);
  const showDuration = () => {
    const n = events.valueAsNumber;
    const r = rate.valueAsNumber;
    duration.textContent =
      Number.isFinite(n) && Number.isFinite(r) && r > 0 ? `about ${formatSeconds(n / r)}` : '';
  };
  events.addEventListener('input', showDuration);
  rate.addEventListener('input', showDuration);
  showDuration();
  const error = alertRegion();
  const button = el('button', { type: 'submit', className: 'primary' }, 'Start run');
  const form = el(
    'form',
    { className: 'stack', id: 'start-form' },
    el(
      'div',
      { className: 'row' },
      field('Events', events),
      field('Rate (events/s)', rate),
      field('Failure chance (%)', failure, 'Fails part-way with a traceback.'),
    ),
    el('p', { className: 'muted' }, 'Duration: ', duration),
    el('div', { className: 'actions' }, button),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = [
      readNumber(events, 'Events'),
      readNumber(rate, 'Rate'),
      readNumber(failure, 'Failure chance'),
    ];
    const problem = values.find((v) => typeof v === 'string');
    if (problem !== undefined) return showError(error, problem as string);
    const [n, r, f] = values as number[];
    button.disabled = true;
    api<{ id: string }>(`/api/instances/${encodeURIComponent(instance.id)}/runs`, {
      method: 'POST',
      json: {
        events: Math.round(n!),
        intervalMs: Math.max(1, Math.round(1000 / r!)),
        failureChance: f! / 100,
      },
    })
      .then(({ id }) => navigate(runUrl(id)))
      .catch((e: Error) => showError(error, `Could not start a run: ${e.message}`))
      .finally(() => (button.disabled = false));
  });
  return form;
}

function formatSeconds(s: number): string {
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** One instance: what it is, its configuration, its runs, and starting or cloning it. */
export async function instancePage(id: string, navigate: (url: string) => void): Promise<Page> {
  const path = `/api/instances/${encodeURIComponent(id)}`;
  const instance = await api<Instance & { runs: RunSummary[] }>(path);
  const origin = instance.clonedFrom
    ? await api<Instance>(`/api/instances/${encodeURIComponent(instance.clonedFrom)}`).catch(
        () => undefined,
      )
    : undefined;
  const meta = el(
    'p',
    { className: 'muted meta' },
    el('span', { className: 'mono' }, instance.id),
    ` · created ${dateTime(instance.createdAt)}`,
  );
  if (instance.clonedFrom)
    meta.append(
      ' · cloned from ',
      el('a', { href: instanceUrl(instance.clonedFrom) }, origin?.name ?? instance.clonedFrom),
    );
  const history = el('run-history', {
    id: 'instance-runs',
    src: `${path}/runs`,
    runHref: '/runs/{id}',
    selectable: true,
    label: `Runs of ${instance.name}`,
  });
  const config = el('result-tree', {
    id: 'instance-config',
    value: instance.config,
    expandDepth: 2,
  });
  const clone = el(
    'details',
    { className: 'panel', id: 'clone' },
    el('summary', {}, 'Clone this instance…'),
    el(
      'p',
      { className: 'muted' },
      'A clone is a new instance: edit its configuration here before creating it.',
    ),
    instanceForm(
      {
        idPrefix: 'clone',
        name: `${instance.name} (copy)`,
        config: instance.config,
        submit: 'Create clone',
        endpoint: `${path}/clone`,
      },
      navigate,
    ),
  );
  return {
    title: instance.name,
    trail: [{ label: 'Instances', href: '/' }, { label: instance.name }],
    content: el(
      'div',
      { className: 'page' },
      el('h2', { className: 'page-title', tabIndex: -1 }, instance.name),
      meta,
      el('h3', {}, 'Runs'),
      history,
      compareBar(history, navigate),
      el('h3', {}, 'Start a run'),
      startForm(instance, navigate),
      el('h3', {}, 'Configuration'),
      config,
      clone,
    ),
  };
}
