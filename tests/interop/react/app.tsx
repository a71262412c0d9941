/**
 * The elements in a React 19 app, as an app would write them: no wrapper components. React 19
 * sets a prop as a DOM property when the element has a property of that name (`events`, an
 * Observable), as an attribute otherwise (`cancel-url`, `document-title`), and listens to a
 * custom event with `on` + its exact name (`onrun-cancel`).
 * https://react.dev/reference/react-dom/components#custom-html-elements
 */
import { StrictMode, useState, type DetailedHTMLProps, type HTMLAttributes } from 'react';
import { createRoot } from 'react-dom/client';
import type { Observable } from 'rxjs';
// Registered before React renders: React only sees `events` as a property on a defined element.
import '@athanor/components/run-status';
import '@athanor/components/run-log';
import '@athanor/components/result-tree';
import type { ResultTree, RunCancelEvent, RunLog, RunStatus } from '@athanor/components';
import { loadSampleRuns, type SampleRuns } from '../shared/runs.ts';

/** What every run element takes in JSX: the stream as a property, or `src` and `run-id`. */
type RunElementProps<E> = DetailedHTMLProps<HTMLAttributes<E>, E> & {
  events?: Observable<unknown>;
  src?: string;
  'run-id'?: string;
};

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'run-status': RunElementProps<RunStatus> & {
        sticky?: boolean;
        'document-title'?: boolean;
        'cancel-url'?: string;
        'stale-after'?: number;
        'onrun-cancel'?: (event: RunCancelEvent) => void;
      };
      'run-log': RunElementProps<RunLog> & { wrap?: boolean; time?: 'clock' | 'relative' };
      'result-tree': RunElementProps<ResultTree> & { 'expand-depth'?: number };
    }
  }
}

type Shown = 'finished' | 'live';

function App({ runs }: { runs: SampleRuns }) {
  const [shown, setShown] = useState<Shown>('finished');
  const [cancelRequest, setCancelRequest] = useState<string>();
  const events = runs[shown];

  // The app takes the request over (preventDefault): the element posts nothing to its
  // cancel-url, and the app would call its own API here.
  const onCancel = (event: RunCancelEvent) => {
    event.preventDefault();
    setCancelRequest(event.runId ?? 'an unnamed run');
  };

  const choose = (next: Shown, label: string) => (
    <button type="button" aria-pressed={shown === next} onClick={() => setShown(next)}>
      {label}
    </button>
  );
  return (
    <>
      <nav>
        {choose('finished', 'Finished run')} {choose('live', 'Live run')}
      </nav>
      <run-status
        events={events}
        sticky
        document-title
        cancel-url="/api/cancel.json"
        onrun-cancel={onCancel}
      ></run-status>
      <p id="cancel-request" role="status">
        {cancelRequest ? `Cancel requested for ${cancelRequest}` : 'No cancel requested'}
      </p>
      <run-log events={events} time="relative"></run-log>
      <result-tree events={events}></result-tree>
    </>
  );
}

const runs = await loadSampleRuns();
createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App runs={runs} />
  </StrictMode>,
);
