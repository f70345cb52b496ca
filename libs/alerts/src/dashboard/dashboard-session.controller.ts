import { Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { BrowserSessions, Public, RequireScopes, type AuthenticatedRequest } from '@newsledger/platform';
import type { FastifyReply } from 'fastify';
import { DASHBOARD_COOKIE, DASHBOARD_PATH } from './queue-dashboard.js';

/** Opens and closes the queue dashboard for a browser: an HttpOnly cookie valid 30 minutes on /admin/queues only. */
@ApiTags('admin')
@Controller(`${DASHBOARD_PATH.slice(1)}/session`)
export class DashboardSessionController {
  constructor(private readonly sessions: BrowserSessions) {}

  @Post()
  @HttpCode(204)
  @ApiBearerAuth()
  @RequireScopes('admin')
  @ApiNoContentResponse({ description: 'Set-Cookie carries the dashboard session.' })
  async open(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    void reply.header('set-cookie', await this.sessions.issue(request.apiKey!, DASHBOARD_COOKIE, request.protocol === 'https'));
  }

  @Delete()
  @HttpCode(204)
  @Public()
  close(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.header('set-cookie', this.sessions.clear(DASHBOARD_COOKIE, request.protocol === 'https'));
  }
}
