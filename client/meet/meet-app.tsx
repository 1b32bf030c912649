// The app's screens in turn: pre-join, the meeting, and its end (from which one can rejoin).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MeetParams } from './app.js';
import { CallScreen } from './call-screen.js';
import { EndScreen, MissingLink } from './end-screen.js';
import { joinMeeting, type JoinChoices } from './join.js';
import { captureTracks } from './local-media.js';
import type { Meeting } from './meeting.js';
import { PreJoin } from './prejoin.js';
import { describeError, type Problem } from './reasons.js';
import type { Tracks } from './use-preview.js';

type Screen = { kind: 'setup'; problem?: Problem } | { kind: 'call'; meeting: Meeting } | { kind: 'ended'; reason: string; problem?: Problem };

/** For tests and diagnostics in the page: the current meeting's Room. */
function expose(meeting: Meeting): void {
  (window as unknown as { meet: unknown }).meet = { room: meeting.room, meeting };
}

export function MeetApp({ params }: { params: MeetParams | null }) {
  const [screen, setScreen] = useState<Screen>({ kind: 'setup' });
  const [rejoining, setRejoining] = useState(false);
  // What the person chose last, to rejoin the same way (with the microphone and camera as they left them).
  const last = useRef<JoinChoices | null>(null);

  const join = async (choices: JoinChoices, tracks: Tracks): Promise<boolean> => {
    last.current = choices;
    try {
      const meeting = await joinMeeting(params!, choices, tracks, expose);
      setScreen({ kind: 'call', meeting });
      return true;
    } catch (err) {
      setScreen({ kind: 'setup', problem: describeError(err) });
      return false;
    }
  };

  const rejoin = async () => {
    const choices = last.current!;
    setRejoining(true);
    const { tracks } = await captureTracks({ audio: choices.audioDeviceId ?? true, video: choices.camera ? (choices.videoDeviceId ?? true) : undefined }, params!.quality);
    await join(choices, tracks);
    setRejoining(false);
  };

  // The meeting's end moves to the end screen; how the microphone and camera were is kept for a rejoin.
  const meeting = screen.kind === 'call' ? screen.meeting : null;
  useEffect(() => {
    if (!meeting) return;
    const follow = () => {
      const v = meeting.view.get();
      if (v.phase !== 'ended') {
        const { mic, camera } = meeting.media.sending();
        if (v.state.streams.has(`${v.state.localParticipantId}:self`) && last.current) last.current = { ...last.current, mic, camera };
        return;
      }
      setScreen({ kind: 'ended', reason: v.ending!.reason, problem: v.ending!.problem });
    };
    follow();
    return meeting.view.subscribe(follow);
  }, [meeting]);

  if (!params) return <MissingLink />;
  if (screen.kind === 'call') return <CallScreen meeting={screen.meeting} />;
  if (screen.kind === 'ended') return <EndScreen reason={screen.reason} problem={screen.problem} rejoining={rejoining} onRejoin={() => void rejoin()} />;
  return <PreJoin initialName={last.current?.name ?? params.name} quality={params.quality} autojoin={params.autojoin && !last.current} problem={screen.problem} onJoin={join} />;
}
