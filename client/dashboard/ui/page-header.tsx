import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

/** A page's title (also the tab's), an optional line under it, and its actions on the right. */
export function PageHeader({ title, subtitle, children }: { title: string; subtitle?: ComponentChildren; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · Video Rooms`;
  }, [title]);
  return (
    <header class="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p class="muted">{subtitle}</p>}
      </div>
      {children && <div class="actions">{children}</div>}
    </header>
  );
}
