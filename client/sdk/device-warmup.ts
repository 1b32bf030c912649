import { detectDevice, type types as ms } from 'mediasoup-client';
import { Chrome111 } from 'mediasoup-client/handlers/Chrome111';
import { Chrome74 } from 'mediasoup-client/handlers/Chrome74';
import { Firefox120 } from 'mediasoup-client/handlers/Firefox120';
import type { HandlerFactory } from 'mediasoup-client/handlers/HandlerInterface';
import { ReactNative106 } from 'mediasoup-client/handlers/ReactNative106';
import { Safari12 } from 'mediasoup-client/handlers/Safari12';

type Direction = 'sendonly' | 'recvonly';

const HANDLERS: Record<string, { createFactory(options: { forcedRtpExtensions?: undefined }): HandlerFactory }> = { Chrome111, Chrome74, Firefox120, Safari12, ReactNative106 };

/**
 * The browser's handler for mediasoup-client's Device, with its native capabilities asked for
 * ahead. Loading a Device asks them of two throwaway peer connections, one after the other (tens
 * of ms); they do not depend on the router, so they are probed while the join is on the wire and
 * the Device only waits for what is left. Undefined where mediasoup-client knows no handler (the
 * Device then says so itself).
 */
export function warmHandlerFactory(): HandlerFactory | undefined {
  let name: string | undefined;
  try {
    name = detectDevice();
  } catch {
    return undefined;
  }
  const base = name ? HANDLERS[name]?.createFactory({}) : undefined;
  if (!base) return undefined;
  const probes = new Map<Direction, Promise<ms.RtpCapabilities>>();
  const probe = (direction: Direction) => {
    let p = probes.get(direction);
    if (!p) {
      p = base.getNativeRtpCapabilities({ direction });
      // A failed probe is asked again by the Device's load, which reports it.
      p.catch(() => probes.delete(direction));
      probes.set(direction, p);
    }
    return p;
  };
  probe('recvonly');
  probe('sendonly');
  return { name: base.name, factory: base.factory, getNativeRtpCapabilities: ({ direction }) => probe(direction) };
}
