/**
 * The elements in a Vue 3 app, with a template compiled in the browser (the full build of Vue,
 * `vue/dist/vue.esm-bundler.js`). `isCustomElement` tells the compiler these tags are not Vue
 * components; `:events.prop` binds the stream as a DOM property whatever Vue's `in` check would
 * decide; plain attributes stay attributes; `@run-cancel` listens to the element's event.
 * https://vuejs.org/guide/extras/web-components#using-custom-elements-in-vue
 * https://vuejs.org/api/built-in-directives#v-bind
 */
import { createApp, ref, shallowRef } from 'vue';
import '@athanor/components/run-scope';
import '@athanor/components/run-status';
import '@athanor/components/run-log';
import '@athanor/components/result-tree';
import type { RunCancelEvent } from '@athanor/components';
import { loadSampleRuns } from '../shared/runs.ts';

const TAGS = new Set(['run-scope', 'run-status', 'run-log', 'result-tree']);

const runs = await loadSampleRuns();

const app = createApp({
  setup() {
    const shown = ref<'finished' | 'live'>('finished');
    // shallowRef: Vue must hand the element the Observable itself, not a reactive proxy of it.
    const events = shallowRef(runs.finished);
    const cancelRequest = ref('No cancel requested');
    const show = (next: 'finished' | 'live') => {
      shown.value = next;
      events.value = runs[next];
    };
    // Not prevented: the element goes on to POST to its `cancel-url`.
    const onCancel = (event: RunCancelEvent) => {
      cancelRequest.value = `Cancel requested for ${event.runId ?? 'an unnamed run'}`;
    };
    return { shown, events, cancelRequest, show, onCancel };
  },
  template: `
    <nav>
      <button type="button" :aria-pressed="shown === 'finished'" @click="show('finished')">
        Finished run
      </button>
      <button type="button" :aria-pressed="shown === 'live'" @click="show('live')">Live run</button>
    </nav>
    <run-scope :events.prop="events">
      <run-status sticky document-title cancel-url="/api/cancel.json" @run-cancel="onCancel">
      </run-status>
      <p id="cancel-request" role="status">{{ cancelRequest }}</p>
      <run-log time="relative"></run-log>
      <result-tree></result-tree>
    </run-scope>
  `,
});
app.config.compilerOptions.isCustomElement = (tag) => TAGS.has(tag);
app.mount('#app');
