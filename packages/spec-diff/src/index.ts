/**
 * A framework-free engine that classifies every change between two versions
 * of an API spec, and the `spec-diff` command line around it.
 *
 * @packageDocumentation
 */
export { diffSpecs, type SpecInput } from './diffSpecs';
export { inspectSpec, loadSpec, type InspectOptions } from './inspectSpec';
export { SpecInputError } from './errors';
export type { SpecInputErrorCode } from './errors';
export type {
  DiffOptions,
  DiffResult,
  DiffSummary,
  Finding,
  FindingLevel,
  SpecFormat,
} from './types';
