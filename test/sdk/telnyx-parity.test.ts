// Parity with @telnyx/video 1.0.2: a Telnyx-style program and the type checks in fixtures/ compile
// against our SDK's sources (as a browser app would: DOM lib, strict), and the room behaves as
// Telnyx's where that shows without a server.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ConnectionQualityLevel, DisconnectionReason, initialize, isVideoRoomsError } from '../../client/sdk/index.js';
import type { Room } from '../../client/sdk/types.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

function typeErrors(tsconfig: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => expect.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')) });
  if (!parsed) throw new Error(`could not read ${tsconfig}`);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${path.relative(FIXTURES, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

const offline = () => initialize({ roomId: '00000000-0000-4000-8000-000000000000', clientToken: 'token', url: 'http://127.0.0.1:9' });

describe('Telnyx parity', () => {
  it('a Telnyx-style app and the checks against Telnyx’s declared types compile against our declarations', { timeout: 60_000 }, () => {
    const files = ts.sys.readDirectory(FIXTURES, ['.ts']).map((f) => path.basename(f));
    expect(files.sort()).toEqual(['telnyx-api.ts', 'telnyx-app.ts', 'telnyx-checks.ts']);
    expect(typeErrors(path.join(FIXTURES, 'tsconfig.json'))).toEqual([]);
  });

  it('the room is a frozen plain object: spread, its methods keep working unbound', async () => {
    const room = await offline();
    expect(Object.isFrozen(room)).toBe(true);
    const spread: Room = { ...room };
    for (const name of ['connect', 'disconnect', 'addStream', 'updateStream', 'getState', 'on', 'enableNetworkMetricsReport', 'disableNetworkMetricsReport'] as const) {
      expect(typeof spread[name]).toBe('function');
    }
    const { getState } = room;
    expect(getState().status).toBe('initialized');
    expect(Object.keys(spread)).not.toContain('__testHooks');
  });

  it('getLocalStreams is a plain object; getParticipantStream of an unknown participant throws Telnyx’s error', async () => {
    const room = await offline();
    const streams = room.getLocalStreams();
    expect(Object.getPrototypeOf(streams)).toBe(Object.prototype);
    expect(streams).toEqual({});
    expect(() => room.getParticipantStream('nobody', 'self')).toThrow('No participant exists with the id: nobody');
    expect(() => room.getParticipantStreams('nobody')).toThrow('No participant exists with the id: nobody');
  });

  it('enableNetworkMetricsReport wants an array, as Telnyx’s', async () => {
    const room = await offline();
    await expect(room.enableNetworkMetricsReport('me' as unknown as string[])).rejects.toThrow('participantIds must be an array');
    await expect(room.enableNetworkMetricsReport([])).resolves.toBeUndefined();
    await expect(room.disableNetworkMetricsReport()).resolves.toBeUndefined();
  });

  it('before connect: no mixed audio track in the state, and sendMessage refuses', async () => {
    const room = await offline();
    expect(room.getState().mixedAudioTrack).toBeUndefined();
    const err = await room.sendMessage({ type: 'text', payload: 'hi' }).catch((e: unknown) => e);
    expect(isVideoRoomsError(err, 'NOT_CONNECTED')).toBe(true);
  });

  it('disconnect reasons and connection quality levels as constant objects with Telnyx’s names and values', () => {
    expect(DisconnectionReason).toEqual({
      USER_INITIATED: 'user_initiated',
      NETWORK_ERROR: 'network_error',
      TIMED_OUT: 'timed_out',
      UNAUTHORIZED: 'unauthorized',
      FORBIDDEN: 'forbidden',
      UNKNOWN: 'unknown',
      ROOM_EXPIRED: 'room_expired',
      KICKED: 'kicked',
      SESSION_TERMINATED: 'session_terminated',
      ROOM_DELETED: 'room_deleted',
    });
    expect(ConnectionQualityLevel).toEqual({ excellent_network: 5, good_network: 4, average_network: 3, below_average_network: 2, bad_network: 1, network_broken: 0 });
  });
});
