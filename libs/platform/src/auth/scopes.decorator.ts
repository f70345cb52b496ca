import { SetMetadata } from '@nestjs/common';
import type { Scope } from './scopes.js';

export const PUBLIC_ROUTE = 'newsledger:public';
export const REQUIRED_SCOPES = 'newsledger:scopes';

/** Reachable without a key (health, metrics). Every other route needs one. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The key must hold every scope listed (admin holds all). */
export const RequireScopes = (...scopes: Scope[]) => SetMetadata(REQUIRED_SCOPES, scopes);
