/**
 * Routing of conversations to agents: a manual take (`POST /v1/conversations/:id/take`), a
 * transfer to another agent or queue with an internal note (`POST .../transfer`), marking a
 * conversation as waiting on the customer (`POST .../pending`), and whom an agent may transfer
 * to (`GET /v1/transfer-targets`).
 */
import { Type } from '@sinclair/typebox';
import { QUEUE_NAME_PATTERN } from './constants.js';
import { PresenceStatus } from './agents.js';
import { UserId, named } from './schema.js';

const closed = { additionalProperties: false } as const;

/** `POST /v1/conversations/:id/transfer` body (agents): exactly one of `agentId` or `queue`, and an optional internal note. */
export const TransferRequest = named(
  'TransferRequest',
  Type.Object(
    {
      agentId: Type.Optional(UserId({ description: 'The agent who takes over (must serve the conversation\'s queue, be Available and have free capacity).' })),
      queue: Type.Optional(Type.String({ pattern: QUEUE_NAME_PATTERN, description: 'The queue the conversation moves to (it waits there to be routed).' })),
      note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'An internal note for the next agent (agents and supervisors only).' })),
    },
    { ...closed, minProperties: 1, description: '`POST /v1/conversations/:id/transfer` body (agents): exactly one of `agentId` or `queue`, and an optional internal note.' },
  ),
);

/** One agent an agent may transfer to. */
export const TransferAgent = named(
  'TransferAgent',
  Type.Object(
    { id: Type.String(), name: Type.String(), queues: Type.Array(Type.String()), status: PresenceStatus },
    { description: 'One agent an agent may transfer to.' },
  ),
);

/** `GET /v1/transfer-targets` response (agents): the enabled agents of the caller's queues and every known queue. */
export const TransferTargets = named(
  'TransferTargets',
  Type.Object(
    { agents: Type.Array(TransferAgent), queues: Type.Array(Type.String()) },
    { description: "`GET /v1/transfer-targets` response (agents): the enabled agents of the caller's queues and every known queue." },
  ),
);
