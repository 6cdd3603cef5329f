import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate, usePathname } from '../lib/router.ts';

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  path: string;
  /** Whether this link is the current page (default: the path is the location's). */
  match?: (pathname: string) => boolean;
  'data-testid'?: string;
  'data-conversation-id'?: string;
};

/** A link within the console: moves without reloading, and says which one is current. */
export function NavLink({ path, match, onClick, ...rest }: Props) {
  const pathname = usePathname();
  const current = match ? match(pathname) : pathname === path;
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(path);
  };
  return <a {...rest} href={path} onClick={click} aria-current={current ? 'page' : undefined} />;
}
