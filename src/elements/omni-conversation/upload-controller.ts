/**
 * The uploads of a conversation element: files picked, dropped or pasted. The upload list, the drop
 * overlay and the upload code are a lazy chunk (`uploads.ts`), loaded when files are first dragged
 * in or sent, or when the conversation's upload store lists one (sent through the API), so a
 * chat-only visitor never downloads them.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OmniSession } from '../../core/session.js';
import type { Upload } from '../../messaging/upload-store.js';
import type { UploadPart } from './uploads.js';

let chunk: Promise<typeof import('./uploads.js')> | undefined;

/** The upload chunk, loaded once: by a conversation's first file, or by the script-tag API's first upload. */
export function loadUploads(): Promise<typeof import('./uploads.js')> {
  chunk ??= import('./uploads.js');
  // Asked for again next time when it failed (offline).
  chunk.catch(() => (chunk = undefined));
  return chunk;
}

/** What the upload part needs from the conversation holding it. */
export interface UploadsHost extends ReactiveControllerHost, EventTarget {
  readonly renderRoot: Node;
  readonly effectiveSession: OmniSession | undefined;
  readonly effectiveConversationId: string | undefined;
  sendFiles(files: Iterable<File>, preview?: boolean): void;
}

/** Loads the upload part on first need and hands it the files and the upload list to render. */
export class UploadController implements ReactiveController {
  private part: UploadPart | undefined;
  private loading: Promise<void> | undefined;
  /** Files sent before the part was in (and whether to preview them first). */
  private queued: [File[], boolean | undefined][] = [];
  /** Files are over the conversation now (until the part is in and follows it itself). */
  private dragging = false;

  constructor(
    private readonly host: UploadsHost,
    /** The conversation's uploads (its upload store's value). */
    private readonly uploads: () => Upload[],
  ) {
    host.addController(this);
  }

  /** While the chunk loads: settles once it is in and has taken the files (or failed). The host's `updateComplete` waits for it. */
  get pending(): Promise<unknown> | undefined {
    return this.part ? undefined : this.loading?.catch(() => undefined);
  }

  /** Uploads the files; each is then sent as an attachment message (with `preview`, images wait in a preview with a caption field). */
  send(files: Iterable<File>, preview?: boolean): void {
    if (this.part) return this.part.send([...files], preview);
    this.queued.push([[...files], preview]);
    this.load().catch((error: unknown) => {
      this.queued = [];
      this.host.effectiveSession?.reportError(error);
    });
  }

  hostConnected(): void {
    for (const type of ['dragover', 'dragleave', 'drop']) this.host.addEventListener(type, this);
  }

  /** Until the part is in (it handles dragging then): files dragged over load it, files dropped are sent (not opened by the browser). */
  handleEvent(event: DragEvent): void {
    if (this.part || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.dragging = event.type === 'dragover';
    if (event.type === 'drop') this.host.sendFiles(event.dataTransfer.files);
    else this.load().catch(() => undefined);
  }

  hostUpdate(): void {
    if (this.uploads().length > 0) this.load().catch(() => undefined);
  }

  /** The drop overlay and the upload list (nothing until the part is in). */
  render() {
    return this.part?.render(this.uploads());
  }

  private load(): Promise<void> {
    this.loading ??= loadUploads().then(({ UploadPart }) => {
      this.part = new UploadPart(this.host, this.dragging);
      for (const [files, preview] of this.queued.splice(0)) this.part!.send(files, preview);
      this.host.requestUpdate();
    });
    this.loading.catch(() => (this.loading = undefined));
    return this.loading;
  }
}
