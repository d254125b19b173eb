import { lazy, Suspense } from 'react';

// The evaluation feature's links on other pages, each loaded with its strings only when such a page shows it.
const Links = () => import('./EvaluationLinks');
const LazyProgrammeLink = lazy(() => Links().then((m) => ({ default: m.ProgrammeEvaluationsLink })));
const LazyCohortLink = lazy(() => Links().then((m) => ({ default: m.CohortEvaluationsLink })));
const LazyFacilitatorLinks = lazy(() => Links().then((m) => ({ default: m.FacilitatorEvaluationLinks })));

type Props<T> = T extends (props: infer P) => unknown ? P : never;
type Module = typeof import('./EvaluationLinks');

export function ProgrammeEvaluationsLink(props: Props<Module['ProgrammeEvaluationsLink']>) {
  return (
    <Suspense fallback={null}>
      <LazyProgrammeLink {...props} />
    </Suspense>
  );
}

export function CohortEvaluationsLink(props: Props<Module['CohortEvaluationsLink']>) {
  return (
    <Suspense fallback={null}>
      <LazyCohortLink {...props} />
    </Suspense>
  );
}

export function FacilitatorEvaluationLinks(props: Props<Module['FacilitatorEvaluationLinks']>) {
  return (
    <Suspense fallback={null}>
      <LazyFacilitatorLinks {...props} />
    </Suspense>
  );
}
