import { Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiDocs, BrowserSessions, Public, RequireScopes, type AuthenticatedRequest } from '@newsledger/platform';
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
  @ApiDocs({
    summary: 'Open the queue dashboard',
    description:
      'Sets an HttpOnly cookie valid 30 minutes on `/admin/queues` only, so a browser can open the dashboard without the key in a URL.',
    response: {
      status: 204,
      description: 'The session is open.',
      headers: { 'set-cookie': { description: 'The dashboard session cookie.', schema: { type: 'string' } } },
    },
  })
  async open(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    void reply.header('set-cookie', await this.sessions.issue(request.apiKey!, DASHBOARD_COOKIE, request.protocol === 'https'));
  }

  @Delete()
  @HttpCode(204)
  @Public()
  @ApiDocs({
    summary: 'Close the queue dashboard',
    description: 'Clears the dashboard cookie. Needs no key: it only ends what the cookie allowed.',
    response: { status: 204, description: 'The cookie is cleared.' },
  })
  close(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.header('set-cookie', this.sessions.clear(DASHBOARD_COOKIE, request.protocol === 'https'));
  }
}
