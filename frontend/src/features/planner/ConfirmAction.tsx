import { Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';

/**
 * A button for something that cannot be undone (cancelling a session, withdrawing an invitation): pressing it asks
 * first, in the page itself rather than in a dialog. Focus goes to the safe answer, and back to the button when
 * the question is dismissed.
 */
export function ConfirmAction({
  label,
  question,
  confirmLabel,
  keepLabel,
  busy,
  onConfirm,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  keepLabel: string;
  busy: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const [returnFocus, setReturnFocus] = useState(false);
  const questionId = useId();
  const keepRef = useRef<HTMLButtonElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) keepRef.current?.focus();
    else if (returnFocus) buttonRef.current?.focus();
  }, [asking, returnFocus]);

  if (!asking) {
    return (
      <Button
        ref={buttonRef}
        type="button"
        appearance="secondary-action-button"
        onClick={() => {
          setReturnFocus(false);
          setAsking(true);
        }}
      >
        {label}
      </Button>
    );
  }
  return (
    <div role="group" aria-labelledby={questionId} className="lg-confirm">
      <Paragraph id={questionId}>{question}</Paragraph>
      <ButtonGroup>
        <Button type="button" appearance="primary-action-button" hint="danger" busy={busy} onClick={() => !busy && onConfirm()}>
          {confirmLabel}
        </Button>
        <Button
          ref={keepRef}
          type="button"
          appearance="secondary-action-button"
          onClick={() => {
            setReturnFocus(true);
            setAsking(false);
          }}
        >
          {keepLabel}
        </Button>
      </ButtonGroup>
    </div>
  );
}
