// Joining a meeting: a Room for the link's room and token, with the person's name as their
// participant context, connected and sending what they chose on the pre-join screen.
import { initialize, type InitializeOptions } from '../sdk/index.js';
import type { MeetParams } from './app.js';
import type { Kind } from './local-media.js';
import { Meeting } from './meeting.js';
import { contextFor } from './names.js';

export interface JoinChoices {
  name: string;
  mic: boolean;
  camera: boolean;
  audioDeviceId?: string;
  videoDeviceId?: string;
}

export async function joinMeeting(params: MeetParams, choices: JoinChoices, tracks: Partial<Record<Kind, MediaStreamTrack>>, onCreated: (m: Meeting) => void): Promise<Meeting> {
  // The refresh token goes to the SDK, which renews the access token with it (issue 11, part 1);
  // passed as a variable so that this compiles against an SDK that does not take it yet.
  const options: InitializeOptions & { refreshToken?: string } = {
    roomId: params.roomId,
    clientToken: params.token,
    refreshToken: params.refreshToken,
    context: contextFor(choices.name),
    logLevel: 'WARN',
    // Tiles out of sight (behind "+N more") cost nothing, and small ones take a small layer.
    adaptiveStream: true,
  };
  const room = await initialize(options);
  const meeting = new Meeting(room, choices.name.trim() || 'You', { quality: params.quality, audioDeviceId: choices.audioDeviceId, videoDeviceId: choices.videoDeviceId });
  onCreated(meeting);
  await meeting.start(tracks, { mic: choices.mic, camera: choices.camera });
  return meeting;
}
