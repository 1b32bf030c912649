import type { FanoutMode } from './fanout-mode.js';

/**
 * `--mode=product`: the same fan-out, but the worker, router, producer and consumers come from
 * the server's media layer (worker pool, room routers, transports), so the figure includes
 * whatever the product adds per consumer. To implement: build a FanoutRig from that layer (one
 * room, one PlainTransport producer fed on `ingressPort`, N consumers sending to the receiver
 * ports with SRTP) and set `unavailable` to undefined.
 */
export const productMode: FanoutMode = {
  name: 'product',
  description: "consumers created through the server's media layer",
  unavailable: "not implemented yet: it needs the server's media layer (worker pool, routers, transports)",
  build() {
    return Promise.reject(new Error(`--mode=product is ${productMode.unavailable}`));
  },
};
