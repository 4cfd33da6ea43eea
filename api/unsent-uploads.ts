import { deleteUnsentAttachments } from '../db/attachments.ts';
import type { Db } from '../db/connect.ts';
import type { AttachmentStore } from '../platform/attachment-store.ts';

/** Uploads no message named within this many hours are deleted (docs/attachments.md). */
export const unsentUploadGraceHours = 24;

/**
 * Deletes uploads that were never sent with a message, their rows and their stored files, once the grace period
 * is over; run hourly with the other purges. Idempotent: a file already gone is no error (both stores' delete
 * ignores a missing key), and an attachment a message names is never touched. Returns how many went.
 */
export async function sweepUnsentUploads(
  db: Db,
  store: AttachmentStore,
  options: { graceHours?: number; batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  const olderThanHours = options.graceHours ?? unsentUploadGraceHours;
  let total = 0;
  for (;;) {
    const deleted = await deleteUnsentAttachments(db, { olderThanHours, limit: batchSize }, async (keys) => {
      for (const key of keys) await store.delete(key);
    });
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
