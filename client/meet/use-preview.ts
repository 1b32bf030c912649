// The pre-join screen's camera and microphone: captured at once, switched to another device or
// off on request (the latest request wins), listed, and stopped when the screen goes, unless they
// were handed over to the meeting.
import { useEffect, useRef, useState } from 'preact/hooks';
import { captureTrack, captureTracks, deviceOf, listDevices, onDevicesChanged, stopTracks, type Devices, type Kind, type VideoQuality } from './local-media.js';
import { describeError, type Problem } from './reasons.js';

export type Tracks = Partial<Record<Kind, MediaStreamTrack>>;

export interface Preview {
  tracks: Tracks;
  problems: Partial<Record<Kind, Problem>>;
  devices: Devices;
  /** The device of each kind: the live track's, or the last one chosen while off. */
  chosen: Partial<Record<Kind, string>>;
  /** The first capture is done (allowed or not). */
  ready: boolean;
  /** Another device for `kind`, or `null` to turn it off (the camera's light goes out). */
  use(kind: Kind, deviceId: string | null | undefined): Promise<void>;
  /** The live tracks, now the caller's to stop. */
  handOver(): Tracks;
  /** Captures again (after the tracks were handed over and the join failed). */
  restart(): Promise<void>;
}

export function usePreview(quality: VideoQuality): Preview {
  const [tracks, setTracks] = useState<Tracks>({});
  const [problems, setProblems] = useState<Partial<Record<Kind, Problem>>>({});
  const [devices, setDevices] = useState<Devices>({ cameras: [], microphones: [] });
  const [chosen, setChosen] = useState<Partial<Record<Kind, string>>>({});
  const [ready, setReady] = useState(false);
  const live = useRef<Tracks>({});
  const requests = useRef<Record<Kind, number>>({ audio: 0, video: 0 });
  const mounted = useRef(true);

  const put = (kind: Kind, track: MediaStreamTrack | undefined) => {
    if (live.current[kind] !== track) live.current[kind]?.stop();
    live.current = { ...live.current, [kind]: track };
    setTracks(live.current);
    if (track) setChosen((c) => ({ ...c, [kind]: deviceOf(track) }));
  };
  const refreshDevices = () =>
    listDevices()
      .then((d) => mounted.current && setDevices(d))
      .catch(() => {});

  const restart = async () => {
    const got = await captureTracks({ audio: true, video: true }, quality);
    if (!mounted.current) return stopTracks(got.tracks.audio, got.tracks.video);
    put('audio', got.tracks.audio);
    put('video', got.tracks.video);
    setProblems(got.problems);
    await refreshDevices();
    setReady(true);
  };

  useEffect(() => {
    mounted.current = true;
    void restart();
    const off = onDevicesChanged(() => void refreshDevices());
    return () => {
      mounted.current = false;
      off();
      stopTracks(live.current.audio, live.current.video);
    };
  }, []);

  const use = async (kind: Kind, deviceId: string | null | undefined) => {
    const request = ++requests.current[kind];
    if (deviceId === null) {
      put(kind, undefined);
      return;
    }
    if (deviceId) setChosen((c) => ({ ...c, [kind]: deviceId }));
    // The old device first: some cameras cannot be opened twice.
    put(kind, undefined);
    try {
      const track = await captureTrack(kind, deviceId, quality);
      if (!mounted.current || request !== requests.current[kind]) return track.stop();
      put(kind, track);
      setProblems((p) => ({ ...p, [kind]: undefined }));
    } catch (err) {
      if (request === requests.current[kind]) setProblems((p) => ({ ...p, [kind]: describeError(err) }));
    }
  };

  const handOver = () => {
    const out = live.current;
    live.current = {};
    setTracks({});
    return out;
  };

  return { tracks, problems, devices, chosen, ready, use, handOver, restart };
}
