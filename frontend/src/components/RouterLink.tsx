import { Link, NavLink, type LinkProps, type NavLinkProps } from 'react-router';

// Utrecht's <Link> renders a plain <a>, which would reload the page; these keep client-side routing with the
// same NL Design System link styling (including its focus-visible ring).
const linkClass = 'utrecht-link utrecht-link--html-a';

export function RouterLink({ className, ...props }: LinkProps) {
  return <Link className={className ? `${linkClass} ${className}` : linkClass} {...props} />;
}

export function RouterNavLink({ className, ...props }: Omit<NavLinkProps, 'className'> & { className?: string }) {
  return <NavLink className={className ? `${linkClass} ${className}` : linkClass} {...props} />;
}
