/**
 * The uploads of each conversation as a store, loaded up front so that the list can be watched
 * (`uploadsOf`) before any upload code is: the actions that fill it (`attachments.ts`) are a lazy
 * chunk in the script-tag bundle, so a visitor who never sends a file never downloads them.
 */
import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import { perSession } from '../core/session-family.js';
import type { OmniSession } from '../core/session.js';
import type { OmniErrorInfo } from '../core/protocol.js';

/** An upload in progress (or one that failed). */
export interface Upload {
  key: string;
  name: string;
  size: number;
  loaded: number;
  status: 'uploading' | 'failed';
  error?: OmniErrorInfo;
}

/** A conversation's uploads and the requests carrying them. */
export interface UploadState {
  store: WritableAtom<Upload[]>;
  requests: Map<string, XMLHttpRequest>;
}

const uploadStates = perSession(() => new Map<string, UploadState>());

/** The upload state of a conversation, made on first use. */
export function uploadStateOf(session: OmniSession, conversationId: string): UploadState {
  const byConversation = uploadStates(session);
  let state = byConversation.get(conversationId);
  if (!state) byConversation.set(conversationId, (state = { store: atom<Upload[]>([]), requests: new Map() }));
  return state;
}

/** Uploads in progress in a conversation. */
export function uploadsOf(session: OmniSession, conversationId: string): ReadableAtom<Upload[]> {
  return uploadStateOf(session, conversationId).store;
}
