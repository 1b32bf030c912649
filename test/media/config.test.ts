import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultMediaConfig, resolveMediaConfig } from '../../media/config.js';
import { MediaError } from '../../media/errors.js';
import { ConfigError, loadConfig } from '../../server/app/config.js';

function rejection(overrides: Parameters<typeof resolveMediaConfig>[0]): MediaError {
  try {
    resolveMediaConfig(overrides);
  } catch (error) {
    if (error instanceof MediaError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('media configuration', () => {
  it('defaults to one worker per core, loopback, UDP preferred with TCP fallback', () => {
    const config = resolveMediaConfig();
    expect(config).toEqual(defaultMediaConfig);
    expect(config.numWorkers).toBe(availableParallelism());
    expect(config).toMatchObject({ listenIp: '127.0.0.1', enableUdp: true, enableTcp: true, preferUdp: true });
    expect(config.audioLevelThreshold).toBe(-80);
  });

  it('takes overrides and ignores the ones left undefined (unset environment variables)', () => {
    const config = resolveMediaConfig({ numWorkers: 3, announcedIp: '203.0.113.7', rtcMinPort: undefined });
    expect(config.numWorkers).toBe(3);
    expect(config.announcedIp).toBe('203.0.113.7');
    expect(config.rtcMinPort).toBe(defaultMediaConfig.rtcMinPort);
  });

  it.each([
    [{ numWorkers: 0 }, 'numWorkers'],
    [{ numWorkers: 1.5 }, 'numWorkers'],
    [{ rtcMinPort: 50000, rtcMaxPort: 40000 }, 'rtcMaxPort'],
    [{ rtcMaxPort: 70000 }, 'rtcMaxPort'],
    [{ listenIp: 'localhost' }, 'listenIp'],
    [{ listenIp: '0.0.0.0' }, 'announcedIp'],
    [{ enableUdp: false, enableTcp: false }, 'enableUdp'],
    [{ logLevel: 'verbose' as never }, 'logLevel'],
    [{ audioLevelThreshold: 10 }, 'audioLevelThreshold'],
    [{ maxConsumersPerRouter: 0 }, 'maxConsumersPerRouter'],
    [{ maxConsumersPerRouter: -5 }, 'maxConsumersPerRouter'],
    [{ maxConsumersPerRouter: 2.5 }, 'maxConsumersPerRouter'],
    [{ maxConsumersPerRouter: '500' as never }, 'maxConsumersPerRouter'],
    [{ maxConsumersPerRouter: 1_000_000 }, 'maxConsumersPerRouter'],
  ])('rejects %o naming the field %s', (overrides, field) => {
    const error = rejection(overrides);
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it('reads MEDIA_MAX_CONSUMERS_PER_ROUTER (default 500) and refuses a bad one, naming the variable', () => {
    expect(defaultMediaConfig.maxConsumersPerRouter).toBe(500);
    expect(loadConfig({}).media.maxConsumersPerRouter).toBe(500);
    expect(loadConfig({ MEDIA_MAX_CONSUMERS_PER_ROUTER: '2' }).media.maxConsumersPerRouter).toBe(2);
    for (const bad of ['0', '-1', '1.5', 'many', '100001']) {
      expect(() => loadConfig({ MEDIA_MAX_CONSUMERS_PER_ROUTER: bad }), bad).toThrow(ConfigError);
      try {
        loadConfig({ MEDIA_MAX_CONSUMERS_PER_ROUTER: bad });
      } catch (error) {
        expect((error as ConfigError).variable).toBe('MEDIA_MAX_CONSUMERS_PER_ROUTER');
      }
    }
  });

  it('accepts a wildcard bind with an announced address', () => {
    expect(resolveMediaConfig({ listenIp: '0.0.0.0', announcedIp: 'media.example.test' }).announcedIp).toBe('media.example.test');
  });
});
