import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { retryPolicy } from '../api/retry';
import '../i18n';
import '../i18n/coaching';
import '../i18n/evaluations';
import '../i18n/learning';
import '../i18n/report';
import '../i18n/staff';

afterEach(() => {
  cleanup();
});

// Feature tests still go through the client's automatic retries, without waiting for them.
retryPolicy.delaysMs = [0, 0];
retryPolicy.maxRetryAfterMs = 0;
