export * from './common.ts';
export * from './conversations.ts';
export * from './errors.ts';
export * from './handovers.ts';
export * from './members.ts';
export * from './settings.ts';
export * from './webhooks.ts';
export * from './admin.ts';
