import { Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';

/**
 * A button for a step that is hard to undo (withdrawing a participant, archiving a cohort, cancelling a session):
 * pressing it asks first, in the page rather than in a dialog. Focus moves to the safe answer, and back to the
 * button when the question is dismissed.
 */
export function ConfirmButton({
  label,
  ariaLabel,
  question,
  confirmLabel,
  cancelLabel,
  busy,
  onConfirm,
}: {
  label: string;
  ariaLabel?: string;
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  busy: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const [returnFocus, setReturnFocus] = useState(false);
  const questionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (returnFocus) buttonRef.current?.focus();
  }, [asking, returnFocus]);

  if (!asking) {
    return (
      <Button
        ref={buttonRef}
        type="button"
        appearance="secondary-action-button"
        aria-label={ariaLabel}
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
          ref={cancelRef}
          type="button"
          appearance="secondary-action-button"
          onClick={() => {
            setReturnFocus(true);
            setAsking(false);
          }}
        >
          {cancelLabel}
        </Button>
      </ButtonGroup>
    </div>
  );
}
