/**
 * Where attachment bytes live. The embedded default keeps them as files under
 * `DATA_DIR/attachments`; an S3-compatible store can implement the same interface.
 */
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ATTACHMENT_ID_PATTERN } from '../../src/core/contract/constants.js';

/** Bytes of uploaded files, by attachment id. */
export interface AttachmentStorage {
  /** Stores the bytes of a new attachment. */
  put(id: string, bytes: Uint8Array): Promise<void>;
  /** Streams an attachment's bytes (undefined when they are gone). */
  get(id: string): Promise<Readable | undefined>;
  /** Removes an attachment's bytes. */
  remove(id: string): Promise<void>;
}

const SAFE_ID = new RegExp(ATTACHMENT_ID_PATTERN);

/** Files on the local disk. */
export class DiskAttachmentStorage implements AttachmentStorage {
  /** Keeps files in `directory` (created on first use). */
  constructor(private readonly directory: string) {}

  private path(id: string): string {
    if (!SAFE_ID.test(id)) throw new Error(`not an attachment id: ${id}`);
    return join(this.directory, id);
  }

  async put(id: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const path = this.path(id);
    // Write then rename, so a crash never leaves a half file under the final name.
    await writeFile(`${path}.part`, bytes, { mode: 0o600 });
    await rename(`${path}.part`, path);
  }

  async get(id: string): Promise<Readable | undefined> {
    const path = this.path(id);
    try {
      await stat(path);
    } catch {
      return undefined;
    }
    return createReadStream(path);
  }

  async remove(id: string): Promise<void> {
    await unlink(this.path(id)).catch(() => undefined);
  }
}
