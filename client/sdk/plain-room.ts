import type { VideoRoom } from './room.js';
import type { Room } from './types.js';

/**
 * What `initialize` hands the app: a frozen plain object of bound functions, as Telnyx's SDK's
 * Room is. Apps written for Telnyx spread it (`{...room, state}`) and pass its methods around
 * unbound; a class instance would lose its methods in the spread.
 */
export function plainRoom(r: VideoRoom): Room {
  const room: Room = {
    id: r.id,
    on: r.on.bind(r),
    connect: r.connect.bind(r),
    disconnect: r.disconnect.bind(r),
    updateClientToken: r.updateClientToken.bind(r),
    updateToken: r.updateToken.bind(r),
    getState: r.getState.bind(r),
    getLocalParticipant: r.getLocalParticipant.bind(r),
    getLocalStreams: r.getLocalStreams.bind(r),
    getParticipantStreams: r.getParticipantStreams.bind(r),
    getParticipantStream: r.getParticipantStream.bind(r),
    addStream: r.addStream.bind(r),
    updateStream: r.updateStream.bind(r),
    removeStream: r.removeStream.bind(r),
    addSubscription: r.addSubscription.bind(r),
    updateSubscription: r.updateSubscription.bind(r),
    removeSubscription: r.removeSubscription.bind(r),
    getWebRTCStatsForStream: r.getWebRTCStatsForStream.bind(r),
    sendMessage: r.sendMessage.bind(r),
    enableNetworkMetricsReport: r.enableNetworkMetricsReport.bind(r),
    disableNetworkMetricsReport: r.disableNetworkMetricsReport.bind(r),
    setPreferredLayers: r.setPreferredLayers.bind(r),
    attachVideo: r.attachVideo.bind(r),
    detachVideo: r.detachVideo.bind(r),
  };
  // Tests and diagnostics reach the internals here; a spread of the room leaves them behind.
  Object.defineProperty(room, '__testHooks', { value: r.__testHooks, enumerable: false });
  return Object.freeze(room);
}
