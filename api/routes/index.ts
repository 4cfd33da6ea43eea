import type { RouteDefinition } from '../route.ts';
import { accountRoutes } from './accounts.ts';
import { analyticsRoutes } from './analytics.ts';
import { analyticsExportRoutes } from './analytics-export.ts';
import { attachmentRoutes } from './attachments.ts';
import { aiConversationRoutes } from './ai-conversations.ts';
import { aiHandoverRoutes } from './ai-handovers.ts';
import { authRoutes } from './auth.ts';
import { cannedReplyRoutes } from './canned-replies.ts';
import { consoleHandoverRoutes } from './console-handovers.ts';
import { customerContextRoutes } from './customer-context.ts';
import { handoverWorkflowRoutes } from './handover-workflow.ts';
import { notificationRoutes } from './notifications.ts';
import { sessionRoutes } from './sessions.ts';
import { settingsRoutes } from './settings.ts';
import { teamRoutes } from './team.ts';
import { twoFactorRoutes } from './two-factor.ts';
import { typingRoutes } from './typing.ts';
import { webhookRoutes } from './webhooks.ts';

/** Every JSON route of /api/v1, in the order they are mounted and documented. */
export const routes: RouteDefinition[] = [
  ...aiHandoverRoutes,
  ...aiConversationRoutes,
  ...authRoutes,
  ...sessionRoutes,
  ...twoFactorRoutes,
  ...consoleHandoverRoutes,
  ...attachmentRoutes,
  ...customerContextRoutes,
  ...handoverWorkflowRoutes,
  ...typingRoutes,
  ...settingsRoutes,
  ...teamRoutes,
  ...accountRoutes,
  ...cannedReplyRoutes,
  ...webhookRoutes,
  ...notificationRoutes,
  ...analyticsRoutes,
  ...analyticsExportRoutes,
];
