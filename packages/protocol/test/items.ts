/** Reading stream items in tests, shared by the Node and the browser tests (no Node APIs here). */
import { lastValueFrom, toArray, type Observable } from 'rxjs';
import type { StreamItem } from '../src/index.ts';

/** Every item of a stream that completes. */
export function collect(source: Observable<StreamItem>): Promise<StreamItem[]> {
  return lastValueFrom(source.pipe(toArray()));
}

/** Short labels for asserting a sequence of items. */
export function labels(items: StreamItem[]): string[] {
  return items.map((i) => {
    if (!('diagnostic' in i)) return `${i.type}#${i.seq}`;
    switch (i.diagnostic) {
      case 'gap':
        return `gap ${i.from}-${i.to}`;
      case 'duplicate':
        return `dup#${i.seq}`;
      case 'connection':
        return `conn:${i.state}`;
      case 'unknown-type':
        return `unknown:${i.type}#${i.seq}`;
      case 'invalid':
        return `invalid: ${i.reason}`;
    }
  });
}
