/**
 * @athanor/components — framework-agnostic Lit custom elements for watching live runs.
 * Importing this module registers nothing; each element's `define` module registers its tag.
 */
export {
  RunStreamController,
  type RunStreamControllerOptions,
} from './controllers/run-stream-controller.ts';
