/**
 * Wire types of integrations and their public widget settings (`/v1/integrations…`), generated
 * from the contract (`./contract/integrations.ts`); `protocol.ts` exports them too.
 */
export type {
  IntegrationInfo,
  CreateIntegrationRequest,
  IntegrationList,
  Weekday,
  OpeningInterval,
  BusinessHours,
  PreChatFieldType,
  PreChatField,
  OfflineMode,
  IntegrationSettings,
  Availability,
  IntegrationSettingsResponse,
  IntegrationSettingsRequest,
} from './protocol.generated.js';
