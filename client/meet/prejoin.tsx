// Before joining: a name, the camera and microphone to use with a live preview, whether to join
// muted or with the camera off, and "Join now". With autojoin it joins as soon as the devices
// are up, with the defaults.
import './styles/prejoin.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Avatar } from './avatar.js';
import { Icon } from './icons.js';
import type { JoinChoices } from './join.js';
import type { VideoQuality } from './local-media.js';
import { MicMeter } from './mic-meter.js';
import type { Problem } from './reasons.js';
import { usePreview, type Tracks } from './use-preview.js';
import { VideoView } from './video-view.js';

interface Props {
  initialName: string;
  quality: VideoQuality;
  autojoin: boolean;
  /** Why the last attempt to join failed. */
  problem?: Problem;
  /** Resolves true once in the meeting; false when joining failed (the screen then stays). */
  onJoin(choices: JoinChoices, tracks: Tracks): Promise<boolean>;
}

function DeviceSelect({
  id,
  label,
  devices,
  value,
  disabled,
  onChange,
}: {
  id: string;
  label: string;
  devices: MediaDeviceInfo[];
  value?: string;
  disabled?: boolean;
  onChange: (id: string) => void;
}) {
  return (
    <label class="field">
      <span>{label}</span>
      <select id={id} value={value ?? ''} disabled={disabled || devices.length === 0} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        {devices.length === 0 && <option value="">None found</option>}
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `${label} ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}

export function PreJoin({ initialName, quality, autojoin, problem, onJoin }: Props) {
  const preview = usePreview(quality);
  const [name, setName] = useState(initialName);
  const [mic, setMic] = useState(true);
  const [camera, setCamera] = useState(true);
  const [joining, setJoining] = useState(false);
  const autojoined = useRef(false);
  const { tracks, problems, devices, chosen } = preview;

  const join = async () => {
    if (joining) return;
    setJoining(true);
    const joined = await onJoin({ name, mic, camera, audioDeviceId: chosen.audio, videoDeviceId: chosen.video }, preview.handOver());
    if (joined) return;
    setJoining(false);
    await preview.restart();
  };

  useEffect(() => {
    if (autojoin && preview.ready && !autojoined.current) {
      autojoined.current = true;
      void join();
    }
  }, [autojoin, preview.ready]);

  const toggleCamera = () => {
    setCamera(!camera);
    void preview.use('video', camera ? null : chosen.video);
  };
  const cameraNote = problems.video?.text ?? (camera ? (tracks.video ? '' : 'Starting camera…') : 'Camera is off');

  return (
    <main id="prejoin" class="prejoin">
      <section class="preview">
        <div class="frame preview-frame" data-camera={camera && tracks.video ? 'on' : 'off'}>
          {camera && tracks.video ? <VideoView id="preview" tracks={[tracks.video]} mirror /> : <Avatar name={name || 'You'} />}
          {cameraNote && <p class="preview-note">{cameraNote}</p>}
          <div class="preview-controls">
            <button
              id="prejoin-mic"
              class={`round${mic ? '' : ' off'}`}
              aria-pressed={!mic}
              title={mic ? 'Join muted' : 'Join with microphone on'}
              onClick={() => setMic(!mic)}
              disabled={!tracks.audio}
            >
              <Icon name={mic ? 'mic' : 'micOff'} />
              <span class="sr-only">{mic ? 'Microphone on' : 'Microphone off'}</span>
            </button>
            <button id="prejoin-camera" class={`round${camera ? '' : ' off'}`} aria-pressed={!camera} title={camera ? 'Join with camera off' : 'Join with camera on'} onClick={toggleCamera}>
              <Icon name={camera ? 'camera' : 'cameraOff'} />
              <span class="sr-only">{camera ? 'Camera on' : 'Camera off'}</span>
            </button>
          </div>
        </div>
        <div class="mic-row">
          <Icon name={mic && tracks.audio ? 'mic' : 'micOff'} size={16} />
          {mic && tracks.audio ? <MicMeter track={tracks.audio} /> : <p class="mic-note">{problems.audio?.text ?? (mic ? 'Starting microphone…' : 'You will join muted')}</p>}
        </div>
      </section>
      <section class="prejoin-form">
        <h1>Ready to join?</h1>
        <label class="field">
          <span>Your name</span>
          <input id="name" value={name} maxLength={64} placeholder="How others will see you" autoComplete="name" onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </label>
        <DeviceSelect id="camera-select" label="Camera" devices={devices.cameras} value={chosen.video} disabled={!camera} onChange={(id) => void preview.use('video', id)} />
        <DeviceSelect id="mic-select" label="Microphone" devices={devices.microphones} value={chosen.audio} onChange={(id) => void preview.use('audio', id)} />
        {problem && (
          <p id="error" class="banner error" role="alert" data-code={problem.code ?? ''}>
            {problem.text}
          </p>
        )}
        <button id="join" class="primary join" disabled={joining || !preview.ready} onClick={() => void join()}>
          {joining ? 'Joining…' : 'Join now'}
        </button>
        <p class="hint">
          In the meeting: <kbd>M</kbd> mute or unmute, <kbd>V</kbd> camera on or off, <kbd>C</kbd> chat.
        </p>
      </section>
    </main>
  );
}
