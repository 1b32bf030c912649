import { chooseSpatialLayer, largest, layerHeights, type ElementSize } from './layer-choice.js';
import type { Logger } from './logger.js';
import { streamId } from './store.js';
import type { PreferredLayers, StreamKey } from './types.js';

/** What the adaptive stream needs of the room: the received video and the two server switches. */
export interface AdaptiveTarget {
  receivesVideo(participantId: string, key: StreamKey): boolean;
  spatialLayerCount(participantId: string, key: StreamKey): number;
  setVideoPaused(participantId: string, key: StreamKey, paused: boolean): Promise<void>;
  setPreferredLayers(participantId: string, key: StreamKey, layers: PreferredLayers): Promise<unknown>;
}

export interface AdaptiveOptions {
  /** How long a stream must stay hidden or resized before the server is told (scrolling must not thrash it). */
  debounceMs?: number;
}

interface Watched {
  participantId: string;
  key: StreamKey;
  elements: Set<HTMLElement>;
  /** What the server was last told; unset until the first change after a (re)subscription. */
  applied: { paused?: boolean; layer?: number };
  timer: ReturnType<typeof setTimeout> | null;
  /** Another change came while one was being sent: apply again when it is done. */
  busy: boolean;
  again: boolean;
}

/**
 * LiveKit's adaptive stream, on our mediasoup consumers: the app says which elements show a
 * remote stream (attach); the SDK watches them (IntersectionObserver, ResizeObserver, the page's
 * visibility) and pauses the server's video consumer when none is visible, resumes it when one is,
 * and asks for the simulcast layer that fits the largest visible one. Showing again is applied at
 * once (a frozen tile is noticed); hiding and resizing wait `debounceMs` (a scroll or a window drag
 * would otherwise send a request per frame).
 */
export class AdaptiveStream {
  private readonly watched = new Map<string, Watched>();
  private readonly visible = new WeakMap<Element, boolean>();
  private readonly sizes = new WeakMap<Element, ElementSize>();
  private readonly intersection: IntersectionObserver;
  private readonly resize: ResizeObserver;
  private readonly debounceMs: number;
  private readonly onVisibility = () => this.changedAll();

  constructor(
    private readonly target: AdaptiveTarget,
    private readonly log: Logger,
    options: AdaptiveOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 300;
    this.intersection = new IntersectionObserver((entries) => {
      for (const e of entries) this.visible.set(e.target, e.isIntersecting);
      this.changedElements(entries.map((e) => e.target));
    });
    this.resize = new ResizeObserver((entries) => {
      for (const e of entries) this.sizes.set(e.target, { width: e.contentRect.width, height: e.contentRect.height });
      this.changedElements(entries.map((e) => e.target));
    });
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  /** Watches `element` as a view of the stream; the returned function stops that. */
  attach(participantId: string, key: StreamKey, element: HTMLElement): () => void {
    const id = streamId(participantId, key);
    let w = this.watched.get(id);
    if (!w) {
      w = { participantId, key, elements: new Set(), applied: {}, timer: null, busy: false, again: false };
      this.watched.set(id, w);
    }
    if (!w.elements.has(element)) {
      w.elements.add(element);
      this.intersection.observe(element);
      this.resize.observe(element);
    }
    return () => this.detach(participantId, key, element);
  }

  /** Stops watching one element of the stream, or all of them; with none left, the video pauses. */
  detach(participantId: string, key: StreamKey, element?: HTMLElement): void {
    const w = this.watched.get(streamId(participantId, key));
    if (!w) return;
    for (const el of element ? [element] : [...w.elements]) {
      if (!w.elements.delete(el)) continue;
      if (!this.inUse(el)) {
        this.intersection.unobserve(el);
        this.resize.unobserve(el);
      }
    }
    this.schedule(w, false);
  }

  /** A (re)subscription: the server's consumer is new, so what it was told is forgotten and told again. */
  resubscribed(participantId: string, key: StreamKey): void {
    const w = this.watched.get(streamId(participantId, key));
    if (!w) return;
    w.applied = {};
    this.schedule(w, true);
  }

  /** The subscription ended: nothing to tell until it comes back. */
  unsubscribed(participantId: string, key: StreamKey): void {
    const id = streamId(participantId, key);
    const w = this.watched.get(id);
    if (!w) return;
    w.applied = {};
    if (w.elements.size === 0) this.watched.delete(id);
  }

  close(): void {
    for (const w of this.watched.values()) if (w.timer) clearTimeout(w.timer);
    this.watched.clear();
    this.intersection.disconnect();
    this.resize.disconnect();
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  /** What the server should do for this stream now. */
  wanted(w: Watched): { paused: boolean; layer?: number } {
    const shown = document.visibilityState !== 'hidden' ? [...w.elements].filter((el) => this.visible.get(el) && this.hasSize(el)) : [];
    const size = largest(shown.map((el) => this.sizes.get(el)!));
    if (!size) return { paused: true };
    const count = this.target.spatialLayerCount(w.participantId, w.key);
    if (count < 2) return { paused: false };
    return { paused: false, layer: chooseSpatialLayer(size, window.devicePixelRatio || 1, layerHeights(count)) };
  }

  private hasSize(el: Element): boolean {
    const s = this.sizes.get(el);
    return !!s && s.width > 0 && s.height > 0;
  }

  private inUse(el: HTMLElement): boolean {
    for (const w of this.watched.values()) if (w.elements.has(el)) return true;
    return false;
  }

  private changedElements(elements: Element[]): void {
    for (const w of this.watched.values()) if (elements.some((el) => w.elements.has(el as HTMLElement))) this.schedule(w, false);
  }

  private changedAll(): void {
    for (const w of this.watched.values()) this.schedule(w, false);
  }

  /** Applies soon: at once when the video must come back, after the debounce otherwise. */
  private schedule(w: Watched, now: boolean): void {
    const want = this.wanted(w);
    const urgent = now || (!want.paused && w.applied.paused !== false);
    if (w.timer) clearTimeout(w.timer);
    w.timer = setTimeout(() => void this.apply(w), urgent ? 0 : this.debounceMs);
  }

  private async apply(w: Watched): Promise<void> {
    w.timer = null;
    if (w.busy) {
      w.again = true;
      return;
    }
    if (this.watched.get(streamId(w.participantId, w.key)) !== w || !this.target.receivesVideo(w.participantId, w.key)) return;
    w.busy = true;
    try {
      const want = this.wanted(w);
      // Layers first: a video that comes back should come back at the size it is now shown.
      if (want.layer !== undefined && want.layer !== w.applied.layer) {
        await this.target.setPreferredLayers(w.participantId, w.key, { spatialLayer: want.layer });
        w.applied.layer = want.layer;
      }
      if (want.paused !== w.applied.paused) {
        await this.target.setVideoPaused(w.participantId, w.key, want.paused);
        w.applied.paused = want.paused;
      }
    } catch (err) {
      // The subscription may have ended meanwhile; a new one is applied afresh (resubscribed).
      this.log.debug(`adaptive stream: could not adapt ${w.participantId} ${w.key}`, err);
    } finally {
      w.busy = false;
      if (w.again) {
        w.again = false;
        this.schedule(w, true);
      }
    }
  }
}
