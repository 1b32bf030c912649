// The browser's own RTP capabilities, probed once per page. mediasoup-client learns them by
// building two throw-away RTCPeerConnections and their offers every time a Device loads: 40 ms of
// a join's CPU on this project's test machine, on the path from connect() to the first frame. The
// browser's answer does not change while the page lives, so it is asked once, when the page is
// idle after the SDK has loaded, and every Device of the page reuses it.
import { detectDevice, type types as ms } from 'mediasoup-client';
import { Chrome111 } from 'mediasoup-client/handlers/Chrome111';
import { Chrome74 } from 'mediasoup-client/handlers/Chrome74';
import { Firefox120 } from 'mediasoup-client/handlers/Firefox120';
import { Safari12 } from 'mediasoup-client/handlers/Safari12';

type Direction = ms.HandlerGetNativeRtpCapabilitiesOptions['direction'];

// The browser handlers mediasoup-client picks from (its React Native one has no place in a page).
const HANDLERS = { Chrome111, Chrome74, Firefox120, Safari12 } as const;

let pageFactory: ms.HandlerFactory | null | undefined;

/**
 * The handler mediasoup-client would choose for this browser, with its capability probes kept for
 * the page's lifetime. `undefined` where mediasoup-client supports no handler: a Device made
 * without a factory then refuses the browser with its own error.
 */
export function pageHandlerFactory(): ms.HandlerFactory | undefined {
  if (pageFactory === undefined) pageFactory = probingOnce();
  return pageFactory ?? undefined;
}

function probingOnce(): ms.HandlerFactory | null {
  const name = detectDevice();
  const handler = name && name in HANDLERS ? HANDLERS[name as keyof typeof HANDLERS] : undefined;
  if (!handler) return null;
  const base = handler.createFactory({});
  const probes = new Map<Direction, Promise<ms.RtpCapabilities>>();
  return {
    name: base.name,
    factory: base.factory,
    getNativeRtpCapabilities(options) {
      let probe = probes.get(options.direction);
      if (!probe) {
        probe = base.getNativeRtpCapabilities(options);
        // A failed probe is asked again by the next Device, not remembered.
        probe.catch(() => probes.delete(options.direction));
        probes.set(options.direction, probe);
      }
      // mediasoup-client clones what it is given, so one answer serves every Device.
      return probe;
    },
  };
}

let warming = false;

/**
 * Probes the browser's capabilities when the page has nothing else to do (or within 2 s), so that
 * connect() finds them ready. Does nothing outside a WebRTC-capable page, and only once.
 */
export function warmUpMediaCapabilities(): void {
  if (warming || typeof RTCPeerConnection === 'undefined') return;
  warming = true;
  const probe = () => {
    const factory = pageHandlerFactory();
    for (const direction of ['recvonly', 'sendonly'] as const) factory?.getNativeRtpCapabilities({ direction }).catch(() => {});
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(probe, { timeout: 2000 });
  else setTimeout(probe, 0);
}
