import type { INestApplication } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_ROUTE, REQUIRED_SCOPES } from '../auth/scopes.decorator.js';
import type { Scope } from '../auth/scopes.js';
import { finishOpenApi, type RouteAccess } from './finish-openapi.js';

export const API_KEY_SCHEME = 'api_key';

const DESCRIPTION = `Sourced industry events in an append-only ledger, read models over them, and signed webhook alerts.

Every route except the health checks, the metrics and these docs needs an API key: \`Authorization: Bearer nlk_…\`.
Errors are RFC 9457 problems (\`application/problem+json\`). The event catalog is at \`GET /v1/catalog\`; the webhooks
are described by the AsyncAPI document at \`/docs/asyncapi.json\`.`;

/** Who may call each controller method, keyed by the operation id Nest gives it (`Controller_method`). */
function routeAccess(app: INestApplication): Map<string, RouteAccess> {
  const reflector = app.get(Reflector);
  const access = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        const targets = [handler, controller];
        access.set(`${controller.name}_${method}`, {
          public: reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false,
          scopes: reflector.getAllAndOverride<Scope[]>(REQUIRED_SCOPES, targets) ?? [],
        });
      }
    }
  }
  return access;
}

/** The OpenAPI 3.1 document of the controllers that are mounted, finished so that it says who may call what and how it fails. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Newsledger')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'API key',
        description:
          'An API key (`nlk_…`), not a JWT: the first start prints the admin key; admins create others with `POST /v1/api-keys`. ' +
          'Scopes: `read`, `events:write`, `subscriptions:write`, `admin` (holds every scope). Each operation lists the scopes it needs.',
      },
      API_KEY_SCHEME,
    )
    .build();
  return finishOpenApi(SwaggerModule.createDocument(app, config), routeAccess(app), API_KEY_SCHEME);
}

/** Swagger UI at /docs, the document at /docs/openapi.json. */
export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
}
