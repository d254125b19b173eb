import { lazy, Suspense } from 'react';

const LazyLinks = lazy(() => import('./AdminSecurityLinks').then((m) => ({ default: m.AdminSecurityLinks })));

/** The admin home's links to the audit log and retention, loaded with their strings when the home shows them. */
export function AdminSecurityLinks() {
  return (
    <Suspense fallback={null}>
      <LazyLinks />
    </Suspense>
  );
}
