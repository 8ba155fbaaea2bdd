/**
 * What each role may do. Reads (list, history, diff, supergraph, docs, checks) need any credential;
 * publishing and rolling back a subgraph need its owner (or an admin); registering client operations,
 * which can block every team's publishes, needs an admin.
 */
import type { Credential } from './credentials-file.ts';

export const canRead = (credential: Credential): boolean => ['reader', 'owner', 'admin'].includes(credential.role);

export const canPublish = (credential: Credential, subgraph: string): boolean =>
  credential.role === 'admin' || (credential.role === 'owner' && credential.subgraph === subgraph);

export const canManageClients = (credential: Credential): boolean => credential.role === 'admin';
