import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import '../i18n';
import '../i18n/coaching';
import '../i18n/evaluations';
import '../i18n/learning';
import '../i18n/report';

afterEach(() => {
  cleanup();
});
