/**
 * Types and constants shared by the Integration Health frontend and backend.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './scores';
export * from './types';
export * from './calendar';
export * from './incidents';
export * from './isRecord';
export * from './generatedMocks';
export * from './signals';
export * from './observations';
export * from './schemaChanges';
export * from './briefs';
