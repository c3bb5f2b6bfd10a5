/** Whom `<omni-call-button destination>` may call: a queue name or a SIP URI, checked before any network work. */
import { QUEUE_NAME_PATTERN } from './protocol.js';

/** A checked call destination. */
export type Destination = { kind: 'queue'; queue: string } | { kind: 'uri'; uri: string };

const queueName = new RegExp(QUEUE_NAME_PATTERN);
/** `sip:` or `sips:`, an optional user part, a host name or [IPv6] literal, optional port and parameters. */
const sipUri = /^sips?:([^@\s<>"]+@)?([\w.-]+|\[[\da-f:.]+\])(:\d{1,5})?(;[^\s<>"]*)?$/i;

/** Reads a `destination` value; undefined when it is neither a queue name nor a SIP URI. */
export function parseDestination(value: string): Destination | undefined {
  const trimmed = value.trim();
  if (queueName.test(trimmed)) return { kind: 'queue', queue: trimmed };
  if (sipUri.test(trimmed)) return { kind: 'uri', uri: trimmed };
  return undefined;
}

/** The SIP URI to INVITE: a queue is addressed in the server's SIP domain. */
export function destinationUri(destination: Destination, domain: string): string {
  return destination.kind === 'uri' ? destination.uri : `sip:${destination.queue}@${domain}`;
}
