export const SCOPES = ['events:write', 'read', 'subscriptions:write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** `admin` holds every scope. */
export function grants(held: readonly Scope[], required: Scope): boolean {
  return held.includes('admin') || held.includes(required);
}
