/** An error the registry's API answers with its code (schema/error-codes.ts) and a message safe to show. */
import type { ErrorCode } from '../../error-codes.ts';

export class RegistryError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
  }
}
