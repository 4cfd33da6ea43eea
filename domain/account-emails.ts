/**
 * The words of the account emails: an invitation with its one-time link, the notice to an address that already
 * has an account, and a password reset link. Plain text; names are the people's own words, put on one line.
 * Pure: the API makes the links and sends.
 */
export interface AccountEmail {
  subject: string;
  text: string;
}

/** How long each one-time link works. */
export const invitationDays = 7;
export const passwordResetMinutes = 60;

/** The console pages the links open; the token is the last path segment (base64url, so no escaping is needed). */
export function invitationLink(consoleUrl: string, token: string): string {
  return `${origin(consoleUrl)}/invite/${token}`;
}

export function passwordResetLink(consoleUrl: string, token: string): string {
  return `${origin(consoleUrl)}/reset-password/${token}`;
}

export function invitationEmail(facts: { inviterName: string; workspaceName: string; inviteeName: string; link: string }): AccountEmail {
  const inviter = oneLine(facts.inviterName);
  const workspace = oneLine(facts.workspaceName);
  return {
    subject: `${inviter} invited you to ${workspace} on Handover`,
    text: [
      `Hello ${oneLine(facts.inviteeName)},`,
      '',
      `${inviter} invited you to join the workspace ${workspace} on Handover, where the team takes over conversations from the AI chat agent.`,
      '',
      'Open this link to choose your password and sign in:',
      facts.link,
      '',
      `The link works once, for ${invitationDays} days. If you did not expect this invitation, ignore this email: nothing happens without the link.`,
    ].join('\n'),
  };
}

/** To an address that already has an account: someone invited it, and nothing changes. No link. */
export function alreadyHaveAccountEmail(facts: { inviterName: string; workspaceName: string; consoleUrl: string }): AccountEmail {
  const inviter = oneLine(facts.inviterName);
  const workspace = oneLine(facts.workspaceName);
  return {
    subject: `${inviter} invited this address to ${workspace} on Handover`,
    text: [
      'Hello,',
      '',
      `${inviter} invited this email address to join the workspace ${workspace} on Handover.`,
      '',
      'This address already belongs to a Handover account, and an address can belong to one account only, so nothing has changed: your account stays as it is, in its own workspace.',
      `If you want to join ${workspace}, ask ${inviter} to invite another of your addresses. If you did not expect this, you can ignore this email.`,
      '',
      `Your account: ${origin(facts.consoleUrl)}/login`,
    ].join('\n'),
  };
}

export function passwordResetEmail(facts: { name: string; link: string }): AccountEmail {
  return {
    subject: 'Reset your Handover password',
    text: [
      `Hello ${oneLine(facts.name)},`,
      '',
      'Someone, probably you, asked to reset the password of your Handover account. Open this link to choose a new one:',
      facts.link,
      '',
      `The link works once, for ${passwordResetMinutes} minutes; choosing a new password signs you out everywhere.`,
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ].join('\n'),
  };
}

function origin(consoleUrl: string): string {
  return consoleUrl.replace(/\/+$/, '');
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}
