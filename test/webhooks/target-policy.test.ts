import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/app/config.js';
import { checkWebhookTarget, nonPublicRange, targetPolicy, type HostLookup, type ResolvedAddress } from '../../server/webhooks/target-policy.js';

// Which webhook targets are refused: the classifier over a table of addresses, URL spellings of
// them, and host names answered by an injected resolver.

const resolvesTo =
  (...addresses: string[]): HostLookup =>
  async () =>
    addresses.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));

const strict = (lookup: HostLookup = resolvesTo()) => targetPolicy(false, { lookup });
const lenient = (lookup: HostLookup = resolvesTo()) => targetPolicy(true, { lookup });

describe('nonPublicRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.0.1', 'link-local'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique local (private)'],
    ['fd12:3456:789a::1', 'unique local (private)'],
    ['fd00:ec2::254', 'unique local (private)'],
    ['ff02::1', 'multicast'],
    ['fec0::1', 'site-local'],
    ['2001:db8::1', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback, IPv4-mapped'],
    ['::ffff:10.0.0.1', 'private, IPv4-mapped'],
    ['::ffff:169.254.169.254', 'link-local, IPv4-mapped'],
    ['::ffff:0:7f00:1', 'loopback, IPv4-translated'],
    ['64:ff9b::7f00:1', 'loopback, NAT64'],
    ['::7f00:1', 'reserved (outside 2000::/3)'],
    ['2002:7f00:1::1', '6to4'],
    ['2001::1', 'teredo'],
  ])('%s is %s', (address, range) => {
    expect(nonPublicRange(address)).toBe(range);
  });

  it.each(['8.8.8.8', '93.184.215.14', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808'])('%s is public', (address) => {
    expect(nonPublicRange(address)).toBeUndefined();
  });
});

describe('checkWebhookTarget', () => {
  it.each([
    ['http://127.0.0.1:8080/hooks', '127.0.0.1 is loopback'],
    ['http://2130706433/', '127.0.0.1 is loopback'],
    ['http://0x7f.1/', '127.0.0.1 is loopback'],
    ['http://0177.0.0.1/', '127.0.0.1 is loopback'],
    ['http://127.1/', '127.0.0.1 is loopback'],
    ['http://017700000001/', '127.0.0.1 is loopback'],
    ['http://0/', '0.0.0.0 is unspecified'],
    ['http://[::1]/', '::1 is loopback'],
    ['http://[::]/', ':: is unspecified'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1 is loopback, IPv4-mapped'],
    ['http://[::ffff:7f00:1]/', '::ffff:7f00:1 is loopback, IPv4-mapped'],
    ['https://10.1.2.3/hooks', '10.1.2.3 is private'],
    ['http://[fe80::1]/', 'fe80::1 is link-local'],
    ['http://[fc00::1]/', 'fc00::1 is unique local (private)'],
    ['http://100.64.1.1/', '100.64.1.1 is carrier-grade NAT'],
    ['http://localhost:3000/', '"localhost" is loopback'],
    ['http://LOCALHOST./', '"localhost" is loopback'],
    ['http://localhost../', '"localhost" is loopback'],
    ['http://api.localhost/', '"api.localhost" is loopback'],
  ])('refuses %s (%s)', async (url, why) => {
    const lookup = resolvesTo('8.8.8.8'); // what a lying resolver might say: the URL decides first
    expect(await checkWebhookTarget(url, strict(lookup))).toEqual({
      ok: false,
      reason: `must not point to a private, loopback, link-local or other non-public address (${why})`,
    });
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe'],
    ['http://[fd00:ec2::254]/', 'fd00:ec2::254'],
    ['http://168.63.129.16/', '168.63.129.16'],
    ['http://metadata.google.internal/computeMetadata/v1/', '"metadata.google.internal"'],
    ['http://metadata.google.internal./', '"metadata.google.internal"'],
  ])('refuses the cloud metadata service %s, even with private targets allowed', async (url, shown) => {
    const reason = `must not point to a cloud metadata service (${shown})`;
    expect(await checkWebhookTarget(url, strict())).toEqual({ ok: false, reason });
    expect(await checkWebhookTarget(url, lenient())).toEqual({ ok: false, reason });
  });

  it('refuses a name that resolves to a private address, naming the address', async () => {
    expect(await checkWebhookTarget('https://hooks.example.test/in', strict(resolvesTo('127.0.0.1')))).toEqual({
      ok: false,
      reason: 'must not point to a private, loopback, link-local or other non-public address (resolves to 127.0.0.1, loopback)',
    });
    expect(await checkWebhookTarget('https://hooks.example.test/in', strict(resolvesTo('10.0.0.1')))).toMatchObject({ reason: expect.stringContaining('(resolves to 10.0.0.1, private)') });
    expect(await checkWebhookTarget('https://hooks.example.test/in', lenient(resolvesTo('169.254.169.254')))).toEqual({
      ok: false,
      reason: 'must not point to a cloud metadata service (resolves to 169.254.169.254)',
    });
  });

  it('refuses a name when any one of its addresses is private: the connection could land on it', async () => {
    const result = await checkWebhookTarget('https://hooks.example.test/', strict(resolvesTo('8.8.8.8', '2001:4860:4860::8888', 'fd00::1')));
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('resolves to fd00::1, unique local (private)') });
  });

  it('accepts public targets and returns the addresses to connect to', async () => {
    expect(await checkWebhookTarget('https://hooks.example.test/in', strict(resolvesTo('8.8.8.8', '2001:4860:4860::8888')))).toEqual({
      ok: true,
      host: 'hooks.example.test',
      addresses: [
        { address: '8.8.8.8', family: 4 },
        { address: '2001:4860:4860::8888', family: 6 },
      ],
    });
    expect(await checkWebhookTarget('http://93.184.215.14:8443/x', strict())).toEqual({ ok: true, host: '93.184.215.14', addresses: [{ address: '93.184.215.14', family: 4 }] });
    expect(await checkWebhookTarget('http://[2001:4860:4860::8888]/', strict())).toMatchObject({ ok: true, host: '2001:4860:4860::8888' });
  });

  it('with private targets allowed, accepts loopback and private hosts (tests, local development)', async () => {
    expect(await checkWebhookTarget('http://127.0.0.1:9000/hooks', lenient())).toMatchObject({ ok: true });
    expect(await checkWebhookTarget('http://localhost:9000/hooks', lenient(resolvesTo('127.0.0.1', '::1')))).toEqual({
      ok: true,
      host: 'localhost',
      addresses: [
        { address: '127.0.0.1', family: 4 },
        { address: '::1', family: 6 },
      ],
    });
    expect(await checkWebhookTarget('http://[fd00::5]/', lenient())).toMatchObject({ ok: true });
  });

  it('says when a host does not resolve, and does not wait on a resolver for long', async () => {
    const notFound: HostLookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.test'), { code: 'ENOTFOUND' });
    };
    expect(await checkWebhookTarget('http://nowhere.test/', strict(notFound))).toEqual({ ok: false, unresolved: true, reason: 'host "nowhere.test" does not resolve (ENOTFOUND)' });
    expect(await checkWebhookTarget('http://empty.test/', strict(resolvesTo()))).toEqual({ ok: false, unresolved: true, reason: 'host "empty.test" does not resolve (no addresses)' });

    const never: HostLookup = () => new Promise(() => {});
    const started = Date.now();
    const slow = await checkWebhookTarget('http://slow.test/', targetPolicy(false, { lookup: never, lookupTimeoutMs: 200 }));
    expect(slow).toEqual({ ok: false, unresolved: true, reason: 'host "slow.test" did not resolve within 0.2 s' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('judges only the URL itself when names are not to be resolved', async () => {
    let asked = 0;
    const counting: HostLookup = async () => (asked++, [{ address: '127.0.0.1', family: 4 }]);
    expect(await checkWebhookTarget('https://hooks.example.test/', lenient(counting), { resolveNames: false })).toEqual({ ok: true, host: 'hooks.example.test', addresses: [] });
    expect(await checkWebhookTarget('http://metadata.google.internal/', lenient(counting), { resolveNames: false })).toMatchObject({ ok: false });
    expect(asked).toBe(0);
  });

  it('uses the system resolver by default: localhost is this machine', async () => {
    expect(await checkWebhookTarget('http://localhost/', targetPolicy(true))).toMatchObject({
      ok: true,
      addresses: expect.arrayContaining([expect.objectContaining({ address: expect.stringMatching(/^(127\.|::1$)/) })]),
    });
    expect(await checkWebhookTarget('http://nothing-here.invalid/', targetPolicy(false))).toMatchObject({ ok: false, unresolved: true, reason: expect.stringContaining('does not resolve') });
  });
});

describe('WEBHOOK_ALLOW_PRIVATE_TARGETS', () => {
  it('is false unless set to true, and any other value stops the server naming the variable', () => {
    expect(loadConfig({}).webhooks.allowPrivateTargets).toBe(false);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }).webhooks.allowPrivateTargets).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' }).webhooks.allowPrivateTargets).toBe(false);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_TARGETS: '' }).webhooks.allowPrivateTargets).toBe(false);
    for (const bad of ['yes', '1', 'on', 'ture']) {
      expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE_TARGETS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE_TARGETS: bad })).toThrow(`WEBHOOK_ALLOW_PRIVATE_TARGETS: must be true or false, got "${bad}"`);
    }
  });
});
