import type { Role } from './roles.js';

/** The signed-in user a request acts for. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

/** Who asks, from where: what every service call that touches patient data needs for the audit trail. */
export interface RequestContext {
  readonly actor: Actor;
  readonly ip: string;
  readonly requestId: string;
}
