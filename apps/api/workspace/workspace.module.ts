import path from 'node:path';
import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PROJECT_ROOT } from '@newsledger/platform';
import type { FastifyInstance } from 'fastify';
import { serveWorkspace } from './serve-workspace.js';

/** Where `npm run build` puts the workspace (apps/web, built by Vite). */
export const WORKSPACE_DIR = path.join(PROJECT_ROOT, 'dist', 'web');

/** The analyst workspace at `/`: a static single-page app over this API (see apps/web). */
@Module({})
export class WorkspaceModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    // Registered in its own context: the static plugin's reply decorations stay out of other routes.
    if (fastify) void fastify.register(serveWorkspace, { root: WORKSPACE_DIR });
  }
}
