import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { createS3Store, type S3Options } from './s3-store.ts';

/** Where the bytes of attachments live; their metadata is in PostgreSQL (db/attachments.ts). */
export interface AttachmentStore {
  readonly kind: 'local' | 's3';
  /** Stores the whole file or nothing: a failed put leaves no partial file under the key. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The file's bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
}

export type AttachmentStoreOptions = { kind: 'local'; directory: string } | ({ kind: 's3' } & S3Options);

export function createAttachmentStore(options: AttachmentStoreOptions): AttachmentStore {
  return options.kind === 'local' ? createLocalStore(options.directory) : createS3Store(options);
}

/** Keys are ours (workspace id / attachment id): letters, digits, dashes and one slash; never a path that climbs. */
export function assertSafeKey(key: string): void {
  if (!/^[0-9a-z-]+\/[0-9a-z-]+$/i.test(key)) throw new Error(`Not an attachment key: ${key}`);
}

/** Files under one directory (the data directory's `attachments/` by default): for one machine, or a shared volume. */
export function createLocalStore(directory: string): AttachmentStore {
  const root = path.resolve(directory);
  const fileOf = (key: string) => {
    assertSafeKey(key);
    return path.join(root, key);
  };
  return {
    kind: 'local',
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside, then renamed: a reader never sees half a file, and a crash leaves only a temporary one.
      const temporary = `${file}.${randomUUID()}.partial`;
      try {
        await writeFile(temporary, bytes, { flag: 'wx' });
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async get(key) {
      const file = fileOf(key);
      const found = await stat(file).catch(() => null);
      return found?.isFile() ? createReadStream(file) : null;
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
