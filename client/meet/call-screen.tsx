// The meeting: the top bar, the stage, the side panel, the buttons, and everyone's sound.
import './styles/call.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ChatPanel } from './chat-panel.js';
import { ControlBar, type Panel } from './control-bar.js';
import { Icon } from './icons.js';
import type { Meeting } from './meeting.js';
import { useObservable } from './observable.js';
import { PeoplePanel } from './people-panel.js';
import { RemoteAudio } from './remote-audio.js';
import { useShortcuts } from './shortcuts.js';
import { SidePanel } from './side-panel.js';
import { Stage } from './stage.js';
import { buildTiles, chooseSpotlight, type LayoutMode } from './tiles.js';
import { TopBar } from './top-bar.js';

export function CallScreen({ meeting }: { meeting: Meeting }) {
  const view = useObservable(meeting.view);
  const { state } = view;
  const [panel, setPanel] = useState<Panel | null>(null);
  const [mode, setMode] = useState<LayoutMode>('grid');
  const [pinned, setPinned] = useState<string | null>(null);
  // Speaker view keeps the last of the others who spoke while we speak ourselves.
  const lastSpeaker = useRef<string | null>(null);
  const speaker = state.activeSpeaker?.participantId;
  if (speaker && speaker !== state.localParticipantId) lastSpeaker.current = speaker;

  useEffect(() => meeting.setChatOpen(panel === 'chat'), [panel]);
  const togglePanel = (p: Panel) => setPanel((current) => (current === p ? null : p));
  const toggleMode = () => setMode((m) => (m === 'speaker' ? 'grid' : 'speaker'));
  useShortcuts({ m: () => void meeting.toggleMic(), v: () => void meeting.toggleCamera(), c: () => togglePanel('chat'), p: () => togglePanel('people'), l: toggleMode });

  const tiles = buildTiles(state, view.quality, (id) => meeting.nameOf(id));
  const spotlight = chooseSpotlight(tiles, { mode, pinned, lastSpeaker: lastSpeaker.current });
  const self = state.streams.get(`${state.localParticipantId}:self`);
  const { sending } = view;

  return (
    <div class={`call${panel ? ' with-panel' : ''}`}>
      <TopBar phase={view.phase} connectedAt={view.connectedAt} recording={state.recording} />
      <div class="call-body">
        <main class="stage-area">
          {view.phase === 'reconnecting' && (
            <div id="reconnecting" class="banner warn" role="status">
              Reconnecting… your audio and video will resume by themselves.
            </div>
          )}
          <Stage tiles={tiles} spotlight={spotlight} pinned={pinned} onPin={setPinned} attach={meeting.attachVideo} />
          {view.phase === 'connected' && state.participants.size === 1 && (
            <p id="alone" class="hint-pill" role="status">
              You are the only one here. Others will appear as they join.
            </p>
          )}
          {view.notice && (
            <div id="error" class="toast error" role="alert" data-code={view.notice.code ?? ''}>
              <span>{view.notice.text}</span>
              <button class="icon-button" title="Dismiss" onClick={() => meeting.dismissNotice()}>
                <Icon name="close" size={16} />
                <span class="sr-only">Dismiss</span>
              </button>
            </div>
          )}
        </main>
        {panel && (
          <SidePanel panel={panel} title={panel === 'chat' ? 'Chat' : `People (${state.participants.size})`} onClose={() => setPanel(null)}>
            {panel === 'chat' ? (
              <ChatPanel messages={view.chat.messages} sending={view.busy.includes('chat')} onSend={(text) => meeting.sendChat(text)} />
            ) : (
              <PeoplePanel state={state} nameOf={(id) => meeting.nameOf(id)} />
            )}
          </SidePanel>
        )}
      </div>
      <ControlBar
        mic={sending.mic}
        camera={sending.camera}
        sharing={meeting.media.isSharing()}
        censored={!!self?.isAudioCensored}
        busy={view.busy}
        mode={mode}
        panel={panel}
        people={state.participants.size}
        unread={view.chat.unread}
        onMic={() => void meeting.toggleMic()}
        onCamera={() => void meeting.toggleCamera()}
        onShare={() => void meeting.toggleShare()}
        onMode={toggleMode}
        onPanel={togglePanel}
        onLeave={() => void meeting.leave()}
      />
      <RemoteAudio state={state} />
    </div>
  );
}
