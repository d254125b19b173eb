import { useEffect, useRef } from 'react';
import { FieldErrorSummary } from '../../components/ErrorSummary';
import type { SaveProblem } from './problems';

/**
 * A SaveProblem at the top of a form: besides the fields, it lists the server's reasons that belong to no single
 * field (why a form with answers cannot change that way). Takes focus when it appears.
 */
export function ProblemSummary({ problem, fieldId }: { problem: SaveProblem; fieldId: (field: string) => string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [problem]);
  const items = Object.entries(problem.fields).map(([field, message]) => ({ id: fieldId(field), message }));
  return (
    <FieldErrorSummary
      title={problem.title}
      detail={problem.detail}
      messages={problem.messages}
      items={items}
      alertRef={ref}
    />
  );
}
