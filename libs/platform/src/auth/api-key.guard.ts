import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { problems } from '../http/problem.js';
import { ApiKeysRepository, type ApiKeyRecord } from './api-keys.repository.js';
import { PUBLIC_ROUTE, REQUIRED_SCOPES } from './scopes.decorator.js';
import { grants, type Scope } from './scopes.js';

export type AuthenticatedRequest = FastifyRequest & { apiKey?: ApiKeyRecord };

/** Global guard: routes are closed unless marked @Public(); @RequireScopes narrows them further. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw problems.unauthorized('Send Authorization: Bearer <key>.', { headers: { 'www-authenticate': 'Bearer' } });
    // A request with a body was authenticated before its body was read (request-gate.ts).
    const key = request.apiKey ?? (await this.keys.findActiveByKey(match[1]));
    if (!key) throw problems.unauthorized('The API key is unknown or revoked.', { headers: { 'www-authenticate': 'Bearer' } });

    const required = this.reflector.getAllAndOverride<Scope[]>(REQUIRED_SCOPES, targets) ?? [];
    const missing = required.filter((scope) => !grants(key.scopes, scope));
    if (missing.length > 0) {
      throw problems.forbidden(`This route needs the scope ${missing.join(', ')}; the key holds ${key.scopes.join(', ')}.`, {
        required_scopes: missing,
      });
    }
    request.apiKey = key;
    return true;
  }
}
