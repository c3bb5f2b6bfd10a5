/**
 * Agent-only data of the console (never imported by the guest bundle): a conversation's internal
 * notes, loaded once and then kept live from `note` frames, and a queue's canned responses.
 */
import { map, type MapStore } from 'nanostores';
import { perSession } from '../core/session-family.js';
import type { OmniSession } from '../core/session.js';
import type { CannedResponse, CannedResponseList, Note, NoteList } from '../core/protocol.js';

/** Notes by conversation id: `undefined` until loaded, then oldest first. */
export type NotesByConversation = Record<string, Note[] | undefined>;

/** Adds a note unless it is there already (a live frame and a load can bring the same one). */
function withNote(notes: Note[] | undefined, note: Note): Note[] {
  const list = notes ?? [];
  return list.some((known) => known.id === note.id) ? list : [...list, note];
}

/** The session's notes by conversation, live once a conversation was loaded with `loadNotes`. */
export const notesOf: (session: OmniSession) => MapStore<NotesByConversation> = perSession(
  () => map<NotesByConversation>({}),
  (session, store) => {
    session.onSignal((signal) => {
      if (signal.type === 'note') {
        const current = store.get()[signal.note.conversationId];
        // Conversations not loaded yet get the note with their load.
        if (current) store.setKey(signal.note.conversationId, withNote(current, signal.note));
      } else if (signal.type === 'welcome') {
        // Notes may have been written while the socket was away: reload the ones shown.
        for (const id of Object.keys(store.get())) void loadNotes(session, id);
      } else if (signal.type === 'identity-changed') {
        store.set({});
      }
    });
  },
);

/** Loads (or reloads) a conversation's notes into `notesOf(session)`. */
export async function loadNotes(session: OmniSession, conversationId: string): Promise<void> {
  try {
    const { notes } = await session.http.request<NoteList>('GET', `/v1/conversations/${encodeURIComponent(conversationId)}/notes`);
    const store = notesOf(session);
    // Keep any note that arrived live while the request was on its way.
    const live = store.get()[conversationId] ?? [];
    store.setKey(conversationId, live.reduce(withNote, notes));
  } catch (error) {
    session.reportError(error);
  }
}

/** Writes an internal note as the session's agent; it shows once stored (here at once, in other tabs by the frame). */
export async function addNote(session: OmniSession, conversationId: string, text: string): Promise<Note> {
  const note = await session.http.request<Note>('POST', `/v1/conversations/${encodeURIComponent(conversationId)}/notes`, { text });
  const store = notesOf(session);
  store.setKey(conversationId, withNote(store.get()[conversationId], note));
  return note;
}

/** Canned responses by queue name: `undefined` until loaded. */
export type CannedByQueue = Record<string, CannedResponse[] | undefined>;

/** The session's canned responses by queue (load a queue's with `loadCannedResponses`). */
export const cannedResponsesOf: (session: OmniSession) => MapStore<CannedByQueue> = perSession(() => map<CannedByQueue>({}));

/** Queues whose canned responses are being loaded, per session (one request at a time). */
const loadingOf = perSession(() => new Set<string>());

/** Loads a queue's canned responses (once per session unless `reload`). */
export async function loadCannedResponses(session: OmniSession, queue: string, reload = false): Promise<void> {
  const store = cannedResponsesOf(session);
  const pending = loadingOf(session);
  if ((store.get()[queue] || pending.has(queue)) && !reload) return;
  pending.add(queue);
  try {
    const { cannedResponses } = await session.http.request<CannedResponseList>('GET', `/v1/queues/${encodeURIComponent(queue)}/canned-responses`);
    store.setKey(queue, cannedResponses);
  } catch (error) {
    // None offered rather than a retry on every render; `reload` tries again.
    store.setKey(queue, []);
    session.reportError(error);
  } finally {
    pending.delete(queue);
  }
}
