import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { BrowserSessions, grants, problems, QUEUE_BACKEND, sendProblem, type BrowserCookie, type QueueBackend } from '@newsledger/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DeliveryQueue } from '../deliveries/delivery-queue.js';

export const DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_COOKIE: BrowserCookie = { name: 'newsledger_dashboard', path: DASHBOARD_PATH, maxAge: 30 * 60 };

// What the board cannot show when BullMQ keeps its jobs in PostgreSQL, said where the operator looks.
const JOBS_NOTE =
  "Counts are jobs: a job carries up to 50 of a batch's deliveries (its data lists them), a retry or a delivery put back " +
  "at its endpoint's cap is a job of its own named by the delivery's id. Every attempt is also in the subscription's delivery log.";
const POSTGRES_NOTE =
  "Webhook deliveries on BullMQ's PostgreSQL backend: no Redis statistics (PostgreSQL's are shown instead), no list of " +
  `connected workers, and no paused state (a paused queue lists its jobs as waiting). ${JOBS_NOTE}`;
const REDIS_NOTE = `Webhook deliveries. ${JOBS_NOTE}`;

/**
 * Bull Board at /admin/queues over the delivery queue, for admin keys. A browser opens it by
 * navigation and so cannot send Authorization: it presents the short-lived cookie that
 * `POST /admin/queues/session` sets (the workspace does that when an admin opens the board).
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly sessions: BrowserSessions,
    private readonly deliveries: DeliveryQueue,
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return; // an application context (the CLI) serves no HTTP
    const board = new FastifyAdapter().setBasePath(DASHBOARD_PATH);
    createBullBoard({
      queues: [new BullMQAdapter(this.deliveries.queue, { description: this.backend.kind === 'postgres' ? POSTGRES_NOTE : REDIS_NOTE })],
      serverAdapter: board,
      options: {
        uiConfig: { boardTitle: 'Newsledger queues', hideDocsLink: true, miscLinks: [{ text: 'Workspace', url: '/operations' }] },
      },
    });
    void fastify.register(
      async (scope) => {
        scope.addHook('onRequest', (request, reply) => this.authorize(request, reply));
        await scope.register(board.registerPlugin());
      },
      { prefix: DASHBOARD_PATH },
    );
  }

  // An async hook that answers returns the reply, so Fastify stops there even while the answer is
  // still on its way through async onSend hooks (the rate limits' among them).
  private async authorize(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const key = await this.sessions.verify(request.headers.cookie, DASHBOARD_COOKIE);
    if (key && grants(key.scopes, 'admin')) return undefined;
    if (!key && request.method === 'GET' && /text\/html/.test(request.headers.accept ?? '')) {
      // A person without a session: the workspace signs in with an admin key and comes back.
      return reply.redirect(`/sign-in?next=${encodeURIComponent(DASHBOARD_PATH)}`, 303);
    }
    const problem = key
      ? problems.forbidden('The queue dashboard needs an admin key.')
      : problems.unauthorized(`Sign in first: POST ${DASHBOARD_PATH}/session with an admin key sets the dashboard cookie.`);
    sendProblem(reply, { ...problem.problem, instance: request.url });
    return reply;
  }
}
