/**
 * A wide table that scrolls sideways inside its panel rather than widening the page.
 * Focusable and named, so a keyboard can scroll it too (axe: scrollable-region-focusable).
 */
import type { ReactNode } from 'react';

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
