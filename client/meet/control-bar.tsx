// The meeting's buttons: microphone, camera, screen, layout, leave, and the people and chat
// panels. Each says its shortcut in its tooltip.
import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from './icons.js';
import type { LayoutMode } from './tiles.js';

export type Panel = 'chat' | 'people';

interface ButtonProps {
  id: string;
  icon: IconName;
  label: string;
  title: string;
  pressed?: boolean;
  disabled?: boolean;
  tone?: 'off' | 'danger' | 'active';
  badge?: ComponentChildren;
  onClick(): void;
}

function ControlButton({ id, icon, label, title, pressed, disabled, tone, badge, onClick }: ButtonProps) {
  return (
    <button id={id} class={`control${tone ? ` ${tone}` : ''}`} aria-pressed={pressed} title={title} disabled={disabled} onClick={onClick}>
      <Icon name={icon} />
      <span class="control-label">{label}</span>
      {badge}
    </button>
  );
}

/** Opens or closes one of the side panels (`#people-toggle`, `#chat-toggle`). */
function PanelButton({ which, current, onPanel, ...shown }: { which: Panel; current: Panel | null; onPanel(p: Panel): void; icon: IconName; label: string; title: string; badge: ComponentChildren }) {
  return <ControlButton id={`${which}-toggle`} {...shown} pressed={current === which} onClick={() => onPanel(which)} />;
}

export interface ControlsProps {
  mic: boolean;
  camera: boolean;
  sharing: boolean;
  /** Muted by a moderator: the microphone cannot be turned back on. */
  censored: boolean;
  busy: readonly string[];
  mode: LayoutMode;
  panel: Panel | null;
  people: number;
  unread: number;
  onMic(): void;
  onCamera(): void;
  onShare(): void;
  onMode(): void;
  onPanel(panel: Panel): void;
  onLeave(): void;
}

const canShare = typeof navigator !== 'undefined' && !!navigator.mediaDevices && 'getDisplayMedia' in navigator.mediaDevices;

export function ControlBar(p: ControlsProps) {
  return (
    <footer class="controls">
      <div class="controls-main">
        <ControlButton
          id="mute"
          icon={p.mic ? 'mic' : 'micOff'}
          label={p.mic ? 'Mute' : 'Unmute'}
          title={p.censored ? 'Muted by a moderator' : `${p.mic ? 'Mute' : 'Unmute'} (M)`}
          pressed={!p.mic}
          tone={p.mic ? undefined : 'off'}
          disabled={p.censored || p.busy.includes('mic')}
          onClick={p.onMic}
        />
        <ControlButton
          id="camera"
          icon={p.camera ? 'camera' : 'cameraOff'}
          label={p.camera ? 'Camera off' : 'Camera on'}
          title={`${p.camera ? 'Turn camera off' : 'Turn camera on'} (V)`}
          pressed={!p.camera}
          tone={p.camera ? undefined : 'off'}
          disabled={p.busy.includes('camera')}
          onClick={p.onCamera}
        />
        {canShare && (
          <ControlButton
            id="share"
            icon="screen"
            label={p.sharing ? 'Stop sharing' : 'Share screen'}
            title={p.sharing ? 'Stop sharing your screen' : 'Share your screen'}
            pressed={p.sharing}
            tone={p.sharing ? 'active' : undefined}
            disabled={p.busy.includes('share')}
            onClick={p.onShare}
          />
        )}
        <ControlButton
          id="layout"
          icon={p.mode === 'speaker' ? 'grid' : 'spotlight'}
          label={p.mode === 'speaker' ? 'Grid view' : 'Speaker view'}
          title={p.mode === 'speaker' ? 'Show everyone the same size (L)' : 'Show who speaks in the big tile (L)'}
          pressed={p.mode === 'speaker'}
          onClick={p.onMode}
        />
        <ControlButton id="leave" icon="leave" label="Leave" title="Leave the meeting" tone="danger" onClick={p.onLeave} />
      </div>
      <div class="controls-side">
        <PanelButton which="people" current={p.panel} onPanel={p.onPanel} icon="people" label="People" title="Who is here (P)" badge={<span class="count">{p.people}</span>} />
        <PanelButton
          which="chat"
          current={p.panel}
          onPanel={p.onPanel}
          icon="chat"
          label="Chat"
          title="Chat with everyone (C)"
          badge={
            p.unread > 0 && (
              <span id="unread" class="badge" aria-label={`${p.unread} unread`}>
                {p.unread > 99 ? '99+' : p.unread}
              </span>
            )
          }
        />
      </div>
    </footer>
  );
}
