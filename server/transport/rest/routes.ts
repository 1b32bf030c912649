import { compositions } from './compositions.js';
import { participants } from './participants.js';
import { recordings } from './recordings.js';
import type { Operation } from './request.js';
import { roomSessions } from './room-sessions.js';
import { rooms } from './rooms.js';

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Under /v2, with Telnyx's parameter names: `/rooms/{room_id}`. */
  path: string;
  /** Telnyx's operationId. */
  operation: string;
  /** The GraphQL field the route stands for (`Query.rooms`, `Room.sessions`): the same services answer both. */
  graphql: string;
  /** `none`: the body carries the credential (refresh_client_token), as Telnyx and GraphQL have it. */
  auth: 'apiKey' | 'none';
  op: Operation;
}

const r = (method: Route['method'], path: string, operation: string, graphql: string, op: Operation, auth: Route['auth'] = 'apiKey'): Route => ({ method, path, operation, graphql, auth, op });

/** Every REST route, each beside the GraphQL field it mirrors; test/rest/route-table.test.ts holds it to the schema. */
export const ROUTES: readonly Route[] = [
  r('GET', '/rooms', 'ListRooms', 'Query.rooms', rooms.list),
  r('POST', '/rooms', 'CreateRoom', 'Mutation.createRoom', rooms.create),
  r('GET', '/rooms/{room_id}', 'ViewRoom', 'Query.room', rooms.retrieve),
  r('PATCH', '/rooms/{room_id}', 'UpdateRoom', 'Mutation.updateRoom', rooms.update),
  r('DELETE', '/rooms/{room_id}', 'DeleteRoom', 'Mutation.deleteRoom', rooms.delete),
  r('GET', '/rooms/{room_id}/sessions', 'RetrieveListRoomSessions', 'Room.sessions', roomSessions.listOfRoom),
  r('POST', '/rooms/{room_id}/actions/generate_join_client_token', 'CreateRoomClientToken', 'Mutation.generateClientToken', rooms.generateJoinClientToken),
  r('POST', '/rooms/{room_id}/actions/refresh_client_token', 'RefreshRoomClientToken', 'Mutation.refreshClientToken', rooms.refreshClientToken, 'none'),
  r('GET', '/room_sessions', 'ListRoomSessions', 'Query.roomSessions', roomSessions.list),
  r('GET', '/room_sessions/{room_session_id}', 'ViewRoomSession', 'Query.roomSession', roomSessions.retrieve),
  r('POST', '/room_sessions/{room_session_id}/actions/end', 'EndSession', 'Mutation.endSession', roomSessions.end),
  r('POST', '/room_sessions/{room_session_id}/actions/kick', 'KickParticipantInSession', 'Mutation.kickParticipants', roomSessions.kick),
  r('POST', '/room_sessions/{room_session_id}/actions/mute', 'MuteParticipantInSession', 'Mutation.muteParticipants', roomSessions.mute),
  r('POST', '/room_sessions/{room_session_id}/actions/unmute', 'UnmuteParticipantInSession', 'Mutation.unmuteParticipants', roomSessions.unmute),
  r('GET', '/room_sessions/{room_session_id}/participants', 'RetrieveListRoomParticipants', 'RoomSession.participants', participants.listOfSession),
  r('GET', '/room_participants', 'ListRoomParticipants', 'Query.participants', participants.list),
  r('GET', '/room_participants/{room_participant_id}', 'ViewRoomParticipant', 'Query.participant', participants.retrieve),
  r('GET', '/room_recordings', 'ListRoomRecordings', 'Query.recordings', recordings.list),
  r('DELETE', '/room_recordings', 'DeleteRoomRecordings', 'Mutation.deleteRecordings', recordings.deleteBulk),
  r('GET', '/room_recordings/{room_recording_id}', 'ViewRoomRecording', 'Query.recording', recordings.retrieve),
  r('DELETE', '/room_recordings/{room_recording_id}', 'DeleteRoomRecording', 'Mutation.deleteRecording', recordings.delete),
  r('GET', '/room_compositions', 'ListRoomCompositions', 'Query.compositions', compositions.list),
  r('POST', '/room_compositions', 'CreateRoomComposition', 'Mutation.createComposition', compositions.create),
  r('GET', '/room_compositions/{room_composition_id}', 'ViewRoomComposition', 'Query.composition', compositions.retrieve),
  r('DELETE', '/room_compositions/{room_composition_id}', 'DeleteRoomComposition', 'Mutation.deleteComposition', compositions.delete),
];
