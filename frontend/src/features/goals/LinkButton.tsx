import { Link, type LinkProps } from 'react-router';

/** A link that looks like a button ("Nieuw leerdoel"): it goes somewhere, so it is a link for screen readers. */
export function LinkButton({
  appearance = 'primary',
  className,
  ...props
}: LinkProps & { appearance?: 'primary' | 'secondary' }) {
  const classes = [
    'utrecht-button-link',
    'utrecht-button-link--html-a',
    `utrecht-button-link--${appearance}-action`,
    className,
  ].filter(Boolean);
  return <Link className={classes.join(' ')} {...props} />;
}
