// The panel beside the stage (over it on a narrow window): chat or people.
import type { ComponentChildren } from 'preact';
import type { Panel } from './control-bar.js';
import { Icon } from './icons.js';

export function SidePanel({ panel, title, onClose, children }: { panel: Panel; title: string; onClose(): void; children: ComponentChildren }) {
  return (
    <aside id="side-panel" class="side-panel" data-panel={panel} aria-label={title}>
      <header class="panel-header">
        <h2>{title}</h2>
        <button class="icon-button" title="Close" onClick={onClose}>
          <Icon name="close" />
          <span class="sr-only">Close</span>
        </button>
      </header>
      {children}
    </aside>
  );
}
