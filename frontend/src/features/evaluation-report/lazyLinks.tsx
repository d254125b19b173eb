import { lazy, Suspense } from 'react';

// The report's links on the homes and the programme page, loaded with the report's strings only when shown, so
// that those strings stay out of the first download.
const Links = () => import('./ReportLinks');
const LazyReviewerLinks = lazy(() => Links().then((m) => ({ default: m.ReviewerReportLinks })));
const LazyReportLink = lazy(() => Links().then((m) => ({ default: m.ReportLink })));

type Module = typeof import('./ReportLinks');

export function ReviewerReportLinks(props: Parameters<Module['ReviewerReportLinks']>[0]) {
  return (
    <Suspense fallback={null}>
      <LazyReviewerLinks {...props} />
    </Suspense>
  );
}

export function ReportLink(props: Parameters<Module['ReportLink']>[0]) {
  return (
    <Suspense fallback={null}>
      <LazyReportLink {...props} />
    </Suspense>
  );
}
