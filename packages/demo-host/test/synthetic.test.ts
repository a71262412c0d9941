import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateEvent } from '@athanor/protocol';
import { stamp } from '../src/synthetic/draft.ts';
import { failedEvalDrafts } from '../src/synthetic/failed-eval.ts';
import { fineTuneDrafts } from '../src/synthetic/fine-tune.ts';

describe('synthetic runs', () => {
  test('every simulated event is valid under the protocol', () => {
    for (const count of [3, 4, 20, 137, 400, 2000]) {
      const events = stamp(fineTuneDrafts(count, count), `sim-${count}`, 0);
      assert.equal(events.length, count);
      for (const event of events) {
        const validation = validateEvent(event);
        assert.equal(
          validation.kind,
          'event',
          `${count}/${event.seq}: ${JSON.stringify(validation)}`,
        );
      }
      assert.equal(events[0]?.type, 'run');
      assert.deepEqual(events.at(-1)?.data, { status: 'completed' });
    }
    for (const event of stamp(failedEvalDrafts(7), 'failed', 0)) {
      assert.equal(validateEvent(event).kind, 'event', `failed-eval/${event.seq}`);
    }
  });

  test('the same seed gives the same run', () => {
    assert.deepEqual(fineTuneDrafts(300, 42), fineTuneDrafts(300, 42));
    assert.notDeepEqual(fineTuneDrafts(300, 42), fineTuneDrafts(300, 43));
  });
});
