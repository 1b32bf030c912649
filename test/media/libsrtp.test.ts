import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMediasoupWorker, PROJECT_SRTP_DIR, type MediasoupWorker } from '../../media/worker-runtime.js';

// Read straight from the kernel rather than trusting what worker-runtime reports about itself.
function mappedSrtpFiles(pid: number): string[] {
  const files = readFileSync(`/proc/${pid}/maps`, 'utf8')
    .split('\n')
    .map((line) => line.match(/\s(\/\S*libsrtp2\.so[^\s]*)$/)?.[1])
    .filter((f): f is string => f !== undefined);
  return [...new Set(files)];
}

const projectDir = () => realpathSync(PROJECT_SRTP_DIR) + path.sep;

describe('libsrtp loaded by the mediasoup worker', () => {
  let started: MediasoupWorker | undefined;
  let savedSrtpEnv: string | undefined;

  beforeEach(() => {
    savedSrtpEnv = process.env.MEDIASOUP_SRTP;
    delete process.env.MEDIASOUP_SRTP;
  });

  afterEach(() => {
    started?.worker.close();
    started = undefined;
    if (savedSrtpEnv === undefined) delete process.env.MEDIASOUP_SRTP;
    else process.env.MEDIASOUP_SRTP = savedSrtpEnv;
  });

  it('is the project-built OpenSSL libsrtp by default, without leaking LD_LIBRARY_PATH', async () => {
    const libraryPathBefore = process.env.LD_LIBRARY_PATH;
    started = await createMediasoupWorker({ logLevel: 'warn' });

    const files = mappedSrtpFiles(started.worker.pid);
    expect(files, 'worker maps exactly one libsrtp').toHaveLength(1);
    expect(files[0].startsWith(projectDir()), `worker loaded ${files[0]}, not the build in ${PROJECT_SRTP_DIR} (run "scripts/setup-media.sh libsrtp")`).toBe(true);
    expect(readFileSync(files[0]).includes('aes icm ossl'), 'the loaded libsrtp uses OpenSSL for AES').toBe(true);
    expect(started.srtpLibrary).toBe('openssl');
    expect(process.env.LD_LIBRARY_PATH).toBe(libraryPathBefore);
  });

  it("is Debian's libsrtp when the system one is asked for", async () => {
    started = await createMediasoupWorker({ logLevel: 'warn' }, { srtp: 'system' });

    const files = mappedSrtpFiles(started.worker.pid);
    expect(files).toHaveLength(1);
    expect(files[0].startsWith(projectDir()), `worker loaded ${files[0]}`).toBe(false);
    expect(files[0]).toMatch(/^\/(usr\/)?lib\//);
    expect(started.srtpLibrary).toBe('system');
  });

  it('is the system one when MEDIASOUP_SRTP=system, even with the project folder on LD_LIBRARY_PATH', async () => {
    const libraryPathBefore = process.env.LD_LIBRARY_PATH;
    process.env.MEDIASOUP_SRTP = 'system';
    process.env.LD_LIBRARY_PATH = PROJECT_SRTP_DIR;
    try {
      started = await createMediasoupWorker({ logLevel: 'warn' });
    } finally {
      if (libraryPathBefore === undefined) delete process.env.LD_LIBRARY_PATH;
      else process.env.LD_LIBRARY_PATH = libraryPathBefore;
    }

    const files = mappedSrtpFiles(started.worker.pid);
    expect(files).toHaveLength(1);
    expect(files[0].startsWith(projectDir()), `worker loaded ${files[0]}`).toBe(false);
    expect(started.srtpLibrary).toBe('system');
  });
});
