export * from './types';
export * from './contractFreshness';
export * from './mockFreshness';
