/**
 * Attachments: `POST /v1/attachments` (multipart: `conversationId` field, then one `file`) stores
 * an upload after checking its type from its content as well as its declared type;
 * `GET /v1/attachments/:id` serves it to whoever may read its conversation, as a download that
 * a browser never renders in the server's origin.
 */
import fastifyMultipart from '@fastify/multipart';
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { CONVERSATION_ID_PATTERN } from '../../src/core/contract/index.js';
import type { AttachmentInfo, AttachmentKind } from '../../src/core/protocol.js';
import { callerOf } from './route-auth.js';
import type { ServerContext } from '../context.js';
import type { AttachmentRecord } from '../store/store.js';
import { DomainError } from '../domain-error.js';

const CONVERSATION_ID = new RegExp(CONVERSATION_ID_PATTERN);

/** Largest upload. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Types accepted, by the MIME type found in the content. SVG and HTML are refused: they can carry script. */
const ACCEPTED: Record<string, AttachmentKind> = {
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'audio/mpeg': 'audio',
  'audio/ogg': 'audio',
  'audio/wav': 'audio',
  'audio/x-wav': 'audio',
  'audio/mp4': 'audio',
  'video/mp4': 'video',
  'video/webm': 'video',
  'video/quicktime': 'video',
  'application/pdf': 'file',
  'application/zip': 'file',
  'text/plain': 'file',
};

/** A file name safe to show and to put in Content-Disposition. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 200);
  return cleaned || 'file';
}

/** The content's real type: sniffed magic bytes, or UTF-8 text without NULs. */
async function contentType(bytes: Uint8Array): Promise<string | undefined> {
  let sniffed;
  try {
    sniffed = await fileTypeFromBuffer(bytes);
  } catch {
    // A truncated or corrupt container (TIFF, EBML…) can make the sniffer throw: not a file we accept.
    return undefined;
  }
  if (sniffed) return (sniffed.mime as string) === 'audio/vnd.wave' ? 'audio/wav' : sniffed.mime;
  if (bytes.includes(0)) return undefined;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'text/plain';
  } catch {
    return undefined;
  }
}

/** Turns a multipart failure into a 4xx: limits keep their status (413…); a malformed body (no boundary, a 5,000-character one, a cut-off part) is a 400. */
function malformedUpload(error: unknown): never {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413) throw new DomainError('payload-too-large', `Files may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`);
    throw error;
  }
  throw new DomainError('invalid-request', 'The upload is not well-formed multipart/form-data.');
}

/** The public view of a stored attachment. */
export const attachmentInfo = (record: AttachmentRecord): AttachmentInfo => ({
  id: record.id,
  name: record.name,
  contentType: record.contentType,
  size: record.size,
  kind: record.kind,
});

/** Registers the attachment routes. */
export async function attachmentRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 4, fieldSize: 200, parts: 5 } });

  app.post('/v1/attachments', async (request, reply): Promise<AttachmentInfo> => {
    const caller = callerOf(request);
    if (!request.isMultipart()) throw new DomainError('unsupported-media-type', 'Upload with multipart/form-data: a conversationId field, then the file.');
    const part = await request.file().catch(malformedUpload);
    if (!part) throw new DomainError('invalid-request', 'No file in the upload.');
    const field = part.fields.conversationId as { value?: unknown } | undefined;
    const conversationId = typeof field?.value === 'string' ? field.value : '';
    if (!CONVERSATION_ID.test(conversationId)) throw new DomainError('invalid-request', 'The conversationId field must come before the file.');
    // An upload is a first write too: it creates a customer's draft conversation.
    const conversation = await context.conversations.authorizeWrite(caller, conversationId);
    const bytes = await part.toBuffer().catch(malformedUpload);
    if (part.file.truncated) throw new DomainError('payload-too-large', `Files may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`);
    if (bytes.length === 0) throw new DomainError('invalid-request', 'The file is empty.');
    const actual = await contentType(bytes);
    const declared = (part.mimetype || 'application/octet-stream').toLowerCase().split(';')[0]!.trim();
    const kind = actual ? ACCEPTED[actual] : undefined;
    if (!actual || !kind) throw new DomainError('unsupported-media-type', 'This kind of file is not accepted.');
    if (declared !== actual && declared !== 'application/octet-stream' && !(declared === 'audio/x-wav' && actual === 'audio/wav')) {
      throw new DomainError('unsupported-media-type', `The file says it is ${declared} but its content is ${actual}.`);
    }
    const record: AttachmentRecord = {
      id: `att_${randomUUID()}`,
      conversationId: conversation.id,
      uploaderId: caller.participant.id,
      name: cleanFileName(part.filename ?? ''),
      contentType: actual,
      size: bytes.length,
      kind,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      createdAt: new Date().toISOString(),
    };
    await context.attachments.put(record.id, bytes);
    await context.store.createAttachment(record);
    reply.status(201);
    return attachmentInfo(record);
  });

  app.get<{ Params: { id: string } }>(
    '/v1/attachments/:id',
    async (request, reply) => {
      const caller = callerOf(request);
      const record = await context.store.getAttachment(request.params.id);
      if (!record) throw new DomainError('not-found', 'No such attachment.');
      await context.conversations.authorize(caller, record.conversationId);
      const stream = await context.attachments.get(record.id);
      if (!stream) throw new DomainError('not-found', 'The attachment is gone.');
      return reply
        .header('content-type', record.contentType)
        .header('content-length', String(record.size))
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(record.name)}`)
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
}
