/**
 * @athanor/components — framework-agnostic Lit custom elements for watching live runs.
 * Importing this module registers nothing: import `@athanor/components/define` for every
 * element, or one element's entry (e.g. `@athanor/components/run-status`) for just that one.
 */
export {
  RunStreamController,
  type RunStreamControllerOptions,
} from './controllers/run-stream-controller.ts';
export { runContext, type RunFeed, type RunFeedListener } from './shared/run-context.ts';
export { AthanorElement } from './shared/athanor-element.ts';
export { RunElement } from './shared/run-element.ts';
export { adoptDocumentStyles, sharedStyles } from './shared/styles.ts';
export {
  RunCancelEvent,
  RunLogJumpEvent,
  RunSelectionEvent,
  ThemeChangeEvent,
} from './shared/events.ts';
export { RunScope } from './run-scope/run-scope.ts';
export { RunLog } from './run-log/run-log.ts';
export { ResultTree, type ResultTreeCopyDetail } from './result-tree/result-tree.ts';
export {
  JsonDoc,
  JsonTextError,
  jsAccessor,
  jsonPath,
  parseJsonDoc,
  type PathStep,
} from './result-tree/json-doc.ts';
export { RunStatus } from './run-status/run-status.ts';
export { ResultStatsElement, type StatsSort } from './result-stats/result-stats.ts';
export {
  KeyStats,
  ResultStats,
  kindOf,
  VALUE_KINDS,
  SKETCH_ALPHA,
  LOG_SCALE_SPAN,
  type Histogram,
  type ValueKind,
  type NumericSummary,
  type KeyStatsOptions,
} from './result-stats/key-stats.ts';
export { RunCompare, MIN_RUNS, MAX_RUNS, type CompareRunInput } from './run-compare/run-compare.ts';
export { RunBaselineChangeEvent, RunCompareExportEvent } from './run-compare/events.ts';
export type {
  ComparisonExport,
  ExportedRun,
  ExportedCell,
  ExportedConfigRow,
  Clipped,
} from './run-compare/compare-export.ts';
export {
  diffValues,
  sameJson,
  formatPath,
  type ValueDiff,
  type ValueChange,
  type ChangeKind,
} from './run-compare/value-diff.ts';
export {
  diffConfigs,
  flattenConfig,
  type ConfigDiff,
  type ConfigRow,
  type PathState,
} from './run-compare/config-diff.ts';
export { RunHistory } from './run-history/run-history.ts';
export {
  durationOf,
  parseHistory,
  pickKeyResult,
  sortRuns,
  type HistorySortKey,
  type RunHistoryEntry,
  type ScalarResult,
  type SortDirection,
} from './run-history/history-rows.ts';
export { ThemeSwitch } from './theme/theme-switch.ts';
export {
  DEFAULT_THEME_NAMES,
  THEME_CHOICES,
  THEME_SNIPPET,
  THEME_STORAGE_KEY,
  applyTheme,
  onSystemThemeChange,
  readThemeChoice,
  resolveTheme,
  storeThemeChoice,
  type ResolvedTheme,
  type ThemeChoice,
  type ThemeNames,
} from './theme/theme.ts';
