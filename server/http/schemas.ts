/**
 * Where the HTTP routes get their validation: the contract's route table (`src/core/contract/`),
 * validated by fastify/ajv (unknown properties are refused). Nothing is defined here.
 */
export { CUSTOMER_MESSAGE_TYPES, MESSAGE_TYPES, routeSchema } from '../../src/core/contract/index.js';
