// The meet app: /meet/?roomId=<id>&token=<access token>[&refreshToken=<refresh token>][&name=<display name>]
//   [&res=1280x720][&fps=20][&autojoin=1]
// A pre-join screen (name, camera and microphone with a preview), then the meeting. `autojoin=1`
// joins with the defaults at once (tests, kiosks).
import './styles/base.css';
import { h, render } from 'preact';
import type { VideoQuality } from './local-media.js';
import { MeetApp } from './meet-app.js';

export interface MeetParams {
  roomId: string;
  token: string;
  refreshToken?: string;
  name: string;
  quality: VideoQuality;
  autojoin: boolean;
}

// ---- URL parameters: everything the page reads from its address is read here ------------------

function readParams(search: string): MeetParams | null {
  const q = new URLSearchParams(search);
  const roomId = q.get('roomId');
  const token = q.get('token');
  if (!roomId || !token) return null;
  // 720p by default: the camera goes out in simulcast (see self-media.ts), so small tiles elsewhere cost little.
  const [width, height] = (q.get('res') ?? '1280x720').split('x').map(Number);
  return {
    roomId,
    token,
    refreshToken: q.get('refreshToken') || undefined,
    name: q.get('name') ?? '',
    quality: { width: width || 1280, height: height || 720, frameRate: Number(q.get('fps')) || 20 },
    autojoin: q.get('autojoin') === '1',
  };
}

// ------------------------------------------------------------------------------------------------

render(h(MeetApp, { params: readParams(location.search) }), document.getElementById('app')!);
