/**
 * The demo portal: instances, their runs, and each run live, at real URLs (`/`,
 * `/instances/<id>`, `/runs/<id>`: the host serves this page for each, so a reload or a pasted
 * link lands on the same page). Navigation uses the History API; the elements come from the
 * components package's public entries; text is only ever set as text.
 */
import '@athanor/components/theme-switch';
import { ApiError, el } from './dom.ts';
import { homePage, instancePage, type Page } from './pages.ts';
import { comparePage } from './compare-page.ts';
import { runPage } from './run-page.ts';

const main = document.querySelector<HTMLElement>('#page')!;
const crumbs = document.querySelector<HTMLOListElement>('#breadcrumb ol')!;

let current: Page | undefined;
/** Increases with every navigation, so a slow page never replaces a newer one. */
let generation = 0;

/** The page a path names, or undefined for a path the portal does not have. */
function pageFor(path: string): (() => Promise<Page>) | undefined {
  if (path === '/' || path === '/instances' || path === '/instances/')
    return () => homePage(navigate);
  if (path === '/compare') return () => comparePage(location.search);
  const match = /^\/(instances|runs)\/([^/]+)\/?$/.exec(path);
  if (!match) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(match[2]!);
  } catch {
    return undefined;
  }
  return match[1] === 'runs' ? () => runPage(id) : () => instancePage(id, navigate);
}

function notFound(message: string): Page {
  return {
    title: 'Not found',
    trail: [{ label: 'Instances', href: '/' }, { label: 'Not found' }],
    content: el(
      'div',
      { className: 'page' },
      el('h2', { className: 'page-title', tabIndex: -1 }, 'Not found'),
      el('p', { className: 'error', role: 'alert' }, message),
      el('p', {}, el('a', { href: '/' }, 'Back to the instances')),
    ),
  };
}

async function show(focus: boolean): Promise<void> {
  const mine = ++generation;
  const load = pageFor(location.pathname);
  let page: Page;
  try {
    page = load ? await load() : notFound(`The portal has no page at ${location.pathname}.`);
  } catch (error) {
    page =
      error instanceof ApiError && error.status === 404
        ? notFound(error.message)
        : notFound(`Could not load this page: ${(error as Error).message}`);
  }
  if (mine !== generation) return page.leave?.();
  current?.leave?.();
  current = page;
  document.title = `${page.title} · Athanor`;
  main.replaceChildren(page.content);
  crumbs.replaceChildren(
    ...page.trail.map(({ label, href }) =>
      el('li', {}, href ? el('a', { href }, label) : el('span', { ariaCurrent: 'page' }, label)),
    ),
  );
  // After a navigation (not the first load), the new page's heading takes the focus, so that
  // a screen reader starts reading there and Tab continues from it.
  if (focus) main.querySelector<HTMLElement>('.page-title')?.focus({ preventScroll: true });
  if (focus) scrollTo(0, 0);
}

/** Goes to a portal URL as a new history entry. */
function navigate(url: string): void {
  history.pushState(null, '', url);
  void show(true);
}

// Same-origin links to portal pages navigate in place, also from inside the elements' shadow
// roots (the run history's links): the composed path holds the anchor.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event
    .composedPath()
    .find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || !pageFor(url.pathname)) return;
  event.preventDefault();
  if (url.pathname + url.search !== location.pathname + location.search) navigate(url.href);
});
addEventListener('popstate', () => void show(true));

// Links from before the portal had real URLs (`/#/runs/<id>`) still land on their run.
const legacy = /^#\/runs\/(.+)$/.exec(location.hash);
if (legacy) history.replaceState(null, '', `/runs/${legacy[1]}`);
void show(false);
