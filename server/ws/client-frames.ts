/**
 * Client frames of the events socket, checked with the contract's schemas (compiled once, with
 * the same ajv options as the HTTP routes): the envelope first, then the schema the frame's `type`
 * picks. A bad frame yields a message for the error frame; the socket counts it towards
 * `CloseCode.badFrames`.
 */
import type { RawData } from 'ws';
import { ClientFrameEnvelope, ClientFrames, MAX_CLIENT_FRAME_CHARS } from '../../src/core/contract/index.js';
import type { ClientFrame } from '../../src/core/protocol.js';
import { compileSchema, firstError } from '../http/validation.js';

const envelope = compileSchema(ClientFrameEnvelope);
const byType = new Map(Object.entries(ClientFrames).map(([type, schema]) => [type, compileSchema(schema)]));

/** Parses and checks one client frame; returns an error message for anything malformed. */
export function parseClientFrame(data: RawData, isBinary: boolean): ClientFrame | string {
  if (isBinary) return 'Frames must be JSON text.';
  const text = data.toString();
  if (text.length > MAX_CLIENT_FRAME_CHARS) return 'Frame too large.';
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return 'Frames must be JSON text.';
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return 'A frame must be a JSON object.';
  if (!envelope(frame)) return `Invalid frame${firstError(envelope)}.`;
  const type = (frame as { type: string }).type;
  const check = byType.get(type);
  if (!check) return `Unknown frame type ${JSON.stringify(type)}.`;
  if (!check(frame)) return `Invalid ${type} frame${firstError(check)}.`;
  return frame as ClientFrame;
}
