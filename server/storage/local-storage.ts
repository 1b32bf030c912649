import { mkdirSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where recordings and compositions live. Keys are relative paths such as
 * `recordings/<room>/<id>.webm`; the local implementation keeps them under DATA_DIR/media.
 * Writers (ffmpeg) need a real file path, so the interface hands one out.
 */
export interface MediaStorage {
  /** A local path to write the object to (its folder exists). */
  pathForWrite(key: string): string;
  /** A local path to read the object from. */
  pathForRead(key: string): string;
  size(key: string): Promise<number | undefined>;
  remove(key: string): Promise<void>;
}

export class LocalStorage implements MediaStorage {
  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  private resolve(key: string): string {
    const file = path.resolve(this.root, key);
    if (!file.startsWith(this.root + path.sep)) throw new Error(`storage key escapes the storage folder: ${key}`);
    return file;
  }

  pathForWrite(key: string): string {
    const file = this.resolve(key);
    mkdirSync(path.dirname(file), { recursive: true });
    return file;
  }

  pathForRead(key: string): string {
    return this.resolve(key);
  }

  async size(key: string): Promise<number | undefined> {
    const info = await stat(this.resolve(key)).catch(() => undefined);
    return info?.isFile() ? info.size : undefined;
  }

  async remove(key: string): Promise<void> {
    await rm(this.resolve(key), { force: true });
  }
}
