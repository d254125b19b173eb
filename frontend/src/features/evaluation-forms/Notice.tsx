import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';

/** Says that something worked (saved, attached, removed), and takes focus so keyboard and screen reader users hear it. */
export function Notice({ text }: { text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [text]);
  return (
    <Alert type="ok" role="status" ref={ref} tabIndex={-1} className="lg-alert">
      <Paragraph>{text}</Paragraph>
    </Alert>
  );
}
