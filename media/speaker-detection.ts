import type { types as ms } from 'mediasoup';
import type { MediaConfig } from './config.js';

export interface SpeakerHandlers {
  dominantSpeaker(producer: ms.Producer): void;
  audioLevels(levels: Array<{ producer: ms.Producer; volume: number }>): void;
  silence(): void;
}

/**
 * The two audio observers of a room's router. The ActiveSpeakerObserver picks one sustained
 * speaker (what a layout should spotlight); the AudioLevelObserver reports everyone's level (what a
 * "talking" indicator needs). Closed producers leave both on their own, inside the worker.
 */
export class SpeakerDetection {
  private constructor(
    private readonly activeSpeaker: ms.ActiveSpeakerObserver,
    private readonly audioLevel: ms.AudioLevelObserver,
  ) {}

  static async create(router: ms.Router, config: MediaConfig, handlers: SpeakerHandlers): Promise<SpeakerDetection> {
    const activeSpeaker = await router.createActiveSpeakerObserver({ interval: config.activeSpeakerIntervalMs });
    const audioLevel = await router.createAudioLevelObserver({
      threshold: config.audioLevelThreshold,
      interval: config.audioLevelIntervalMs,
      maxEntries: 50,
    });
    activeSpeaker.on('dominantspeaker', ({ producer }: ms.ActiveSpeakerObserverActivity) => {
      // The producer may have closed between the worker's notification and its arrival here.
      if (producer && !producer.closed) handlers.dominantSpeaker(producer);
    });
    audioLevel.on('volumes', (volumes: ms.AudioLevelObserverVolume[]) => {
      const live = volumes.filter((v) => v.producer && !v.producer.closed);
      if (live.length > 0) handlers.audioLevels(live);
    });
    audioLevel.on('silence', () => handlers.silence());
    return new SpeakerDetection(activeSpeaker, audioLevel);
  }

  async add(producer: ms.Producer): Promise<void> {
    await Promise.all([this.activeSpeaker.addProducer({ producerId: producer.id }), this.audioLevel.addProducer({ producerId: producer.id })]);
  }
}
