/**
 * Timing helpers shared by the browser benchmark pages: the long tasks seen since the page
 * loaded (a page clears the list before each measurement), and "painted".
 */

/** Durations (ms) of the long tasks observed; set `length = 0` to start afresh. */
export const longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push(e.duration);
}).observe({ type: 'longtask', buffered: false });

/** Resolves once the frame that shows the current DOM has been painted. */
export const painted = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)),
  );
