export { defaultMediaConfig, resolveMediaConfig, type MediaConfig } from './config.js';
export { roomMediaCodecs } from './codecs.js';
export { plainRtpCapabilities } from './plain-rtp.js';
export { MediaError, isMediaError, type MediaErrorCode } from './errors.js';
export { MediaRooms, type MediaRoomsEvents } from './media-rooms.js';
export { RoomMedia } from './room-media.js';
export { WorkerPool, type WorkerInfo, type WorkerPoolEvents, type WorkerUsage } from './worker-pool.js';
export type { MediaObjectCounts } from './worker-load.js';
export * from './types.js';
