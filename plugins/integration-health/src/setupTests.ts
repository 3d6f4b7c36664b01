import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The whole repository's tests run in parallel in CI; on a busy machine a
// dialog can take longer than the default second to appear.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);
