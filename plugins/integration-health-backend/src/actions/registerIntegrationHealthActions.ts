import { AuthService } from '@backstage/backend-plugin-api';
// The actions registry is still alpha in the current release: this is the
// only place the plugin imports it from.
import {
  actionsRegistryServiceRef,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import { BriefService } from '../briefs/BriefService';
import { BreakingChangeCheck } from '../calendar/BreakingChangeCheck';
import { CalendarService } from '../calendar/CalendarService';
import { IntegrationGraphService } from '../graph/IntegrationGraphService';
import { IncidentService } from '../incidents/IncidentService';
import { IntegrationQueryService } from '../integrations/IntegrationQueryService';
import { OwnerAssignmentService } from '../integrations/OwnerAssignmentService';
import { SchemaHistoryService } from '../schemas/SchemaHistoryService';
import { ScorecardService } from '../scorecard/ScorecardService';
import { registerBriefAction } from './briefAction';
import { registerReadActions } from './readActions';
import { registerWriteActions } from './writeActions';

export { actionsRegistryServiceRef };
export type { ActionsRegistryService };

/** The services the actions call, with the caller's credentials. */
export type ActionServices = {
  auth: AuthService;
  briefService: BriefService;
  queryService: IntegrationQueryService;
  graphService: IntegrationGraphService;
  calendarService: CalendarService;
  breakingChangeCheck: BreakingChangeCheck;
  schemaHistory: SchemaHistoryService;
  scorecardService: ScorecardService;
  ownerAssignmentService: OwnerAssignmentService;
  incidentService: IncidentService;
};

/**
 * Registers what assistants may ask and do through Backstage's actions
 * registry (exposed as MCP tools by the MCP actions backend). Every action
 * runs with the caller's credentials, so catalog visibility and
 * permissions apply exactly as on the REST API.
 */
export function registerIntegrationHealthActions(
  registry: ActionsRegistryService,
  services: ActionServices,
): void {
  registerReadActions(registry, services);
  registerBriefAction(registry, services);
  registerWriteActions(registry, services);
}
