import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiDocs, ApiQueries, type AuthenticatedRequest, grants, pageQuery, problems, RequireScopes, toPage, ZodPipe } from '@newsledger/platform';
import { z } from 'zod';
import { DeliveriesRepository } from '../deliveries/deliveries.repository.js';
import { DELIVERY_STATUSES } from '../deliveries/delivery.js';
import { deliveryView } from '../deliveries/delivery-view.js';
import { OperationalMessages } from '../deliveries/operational-messages.js';
import { IdPipe } from '../http/id-pipe.js';
import { decodeKeyset, keysetOf } from '../http/pagination.js';
import { replayBody, type ReplayRequest } from '../replay/replay.schema.js';
import { ReplayService } from '../replay/replay.service.js';
import { subscriptionView, type SubscriptionRow } from './subscription.js';
import { SubscriptionChecks } from './subscription-checks.js';
import { SubscriptionDisabler } from './subscription-disabler.js';
import {
  createSubscriptionBody,
  listSubscriptionsQuery,
  patchSubscriptionBody,
  type CreateSubscription,
  type PatchSubscription,
} from './subscription.schema.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';
import { generateWebhookSecret } from './webhook-secret.js';
import {
  DELIVERY_EXAMPLE,
  deliverySchema,
  pageOf,
  SECRET_EXAMPLE,
  SUBSCRIPTION_EXAMPLE,
  subscriptionSchema,
  withSecret,
} from '../http/alerts-docs.js';

const deliveriesQuery = z.object({ status: z.enum(DELIVERY_STATUSES).optional(), ...pageQuery });
const subscriptionId = new IdPipe('subscription');

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly checks: SubscriptionChecks,
    private readonly deliveries: DeliveriesRepository,
    private readonly messages: OperationalMessages,
    private readonly replays: ReplayService,
    private readonly disabler: SubscriptionDisabler,
  ) {}

  /** The signing secret is in this response and in rotate-secret's only. */
  @Post()
  @RequireScopes('subscriptions:write')
  @ApiDocs({
    summary: 'Create a subscription',
    description:
      'Webhooks for `event_types` (`*`, a family like `acquisition.*`, a type, or `subscription.*` for operational messages), narrowed ' +
      'by `filter` (all given criteria must match). The URL must be https and resolve to a public address (unless the service ' +
      "allows otherwise); it is checked again at each delivery. The signing secret is in this answer and in rotate-secret's only.",
    body: {
      schema: createSubscriptionBody,
      example: {
        url: 'https://alerts.example.com/newsledger',
        event_types: ['acquisition.*'],
        filter: { jurisdictions: ['CN'], min_confidence: 'reported' },
      },
    },
    response: { status: 201, description: 'Created, with its secret.', schema: withSecret, example: SECRET_EXAMPLE },
    problems: [422],
  })
  async create(@Body(new ZodPipe(createSubscriptionBody)) body: CreateSubscription) {
    await this.checks.assertAcceptable(body);
    const secret = generateWebhookSecret();
    return { ...subscriptionView(await this.subscriptions.create(body, secret)), secret };
  }

  @Get()
  @RequireScopes('read')
  @ApiQueries(listSubscriptionsQuery)
  @ApiDocs({
    summary: 'List subscriptions',
    description: 'Every subscription, oldest first, optionally only `active` or `disabled` ones. Secrets are never listed.',
    response: {
      status: 200,
      description: 'A page of subscriptions.',
      schema: pageOf(subscriptionSchema),
      example: { data: [SUBSCRIPTION_EXAMPLE], next_cursor: null },
    },
  })
  async list(@Query(new ZodPipe(listSubscriptionsQuery)) query: z.output<typeof listSubscriptionsQuery>, @Req() request: AuthenticatedRequest) {
    const rows = await this.subscriptions.page(decodeKeyset(query.cursor), query.limit, query.status);
    const view = readerView(request);
    return toPage(rows, query.limit, keysetOf, (row) => subscriptionView(row, view));
  }

  @Get(':id')
  @RequireScopes('read')
  @ApiDocs({
    summary: 'One subscription',
    description: 'Its URL, event types, filter, status and why it was disabled, if it was.',
    response: { status: 200, description: 'The subscription.', schema: subscriptionSchema, example: SUBSCRIPTION_EXAMPLE },
  })
  async get(@Param('id', subscriptionId) id: string, @Req() request: AuthenticatedRequest) {
    return subscriptionView(await this.existing(id), readerView(request));
  }

  @Patch(':id')
  @RequireScopes('subscriptions:write')
  @ApiDocs({
    summary: 'Change a subscription',
    description: 'Changes any of `url`, `description`, `event_types`, `filter` (a new URL is checked like at creation); the others stay.',
    body: { schema: patchSubscriptionBody, example: { event_types: ['acquisition.*', 'listing.*'] } },
    response: { status: 200, description: 'The subscription as changed.', schema: subscriptionSchema, example: SUBSCRIPTION_EXAMPLE },
    problems: [422],
  })
  async patch(@Param('id', subscriptionId) id: string, @Body(new ZodPipe(patchSubscriptionBody)) body: PatchSubscription) {
    await this.existing(id);
    await this.checks.assertAcceptable(body);
    return subscriptionView(this.found(id, await this.subscriptions.update(id, body)));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes('subscriptions:write')
  @ApiDocs({
    summary: 'Delete a subscription',
    description: 'It stops receiving at once; its pending deliveries and delivery log go with it.',
    response: { status: 204, description: 'Deleted.' },
  })
  async delete(@Param('id', subscriptionId) id: string): Promise<void> {
    if (!(await this.subscriptions.delete(id))) throw problems.notFound(`No subscription ${id}.`);
  }

  /** A new secret; the old one keeps signing beside it for 24 hours. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @RequireScopes('subscriptions:write')
  @ApiDocs({
    summary: 'Rotate the signing secret',
    description:
      'A new secret, shown in this answer only; for 24 hours the old one keeps signing beside it (two signatures in `webhook-signature`).',
    response: {
      status: 200,
      description: 'The subscription with its new secret.',
      schema: withSecret,
      example: { ...SECRET_EXAMPLE, previous_secret_expires_at: '2026-02-12T09:00:00.000Z' },
    },
  })
  async rotateSecret(@Param('id', subscriptionId) id: string) {
    const secret = generateWebhookSecret();
    return { ...subscriptionView(this.found(id, await this.subscriptions.rotateSecret(id, secret))), secret };
  }

  /** Sends a `subscription.test` message, whatever the subscription's event types. */
  @Post(':id/test')
  @HttpCode(202)
  @RequireScopes('subscriptions:write')
  @ApiDocs({
    summary: 'Send a test message',
    description: 'Queues a `subscription.test` message to the subscription, whatever its event types; its fate is in the delivery log.',
    response: {
      status: 202,
      description: 'Queued.',
      schema: z.object({ delivery_id: z.string(), message_id: z.string() }),
      example: { delivery_id: DELIVERY_EXAMPLE.id, message_id: 'msg_2b8f0d6c4e1a' },
    },
    problems: [409],
  })
  async test(@Param('id', subscriptionId) id: string) {
    const subscription = this.active(await this.existing(id));
    const [delivery] = await this.messages.send([subscription.id], 'subscription.test', { subscription_id: subscription.id });
    return { delivery_id: delivery.id, message_id: delivery.message_id };
  }

  /** Re-activates a disabled subscription (the URL is checked again). Deliveries that died meanwhile stay dead until retried. */
  @Post(':id/enable')
  @HttpCode(200)
  @RequireScopes('subscriptions:write')
  @ApiDocs({
    summary: 'Enable a subscription',
    description: 'Re-activates a disabled subscription (its URL is checked again). Deliveries that died meanwhile stay dead until retried.',
    response: { status: 200, description: 'The subscription, active.', schema: subscriptionSchema, example: SUBSCRIPTION_EXAMPLE },
    problems: [422],
  })
  async enable(@Param('id', subscriptionId) id: string) {
    const subscription = await this.existing(id);
    await this.checks.assertAcceptable({ url: subscription.url });
    return subscriptionView(this.found(id, await this.subscriptions.enable(id)));
  }

  /** Pauses deliveries until enable; like any disabling, it tells the subscriptions that asked for `subscription.*`. */
  @Post(':id/disable')
  @HttpCode(200)
  @RequireScopes('subscriptions:write')
  @ApiDocs({
    summary: 'Pause a subscription',
    description:
      'Stops deliveries until it is enabled again; like any disabling, it sends `subscription.disabled` to the subscriptions that asked for `subscription.*`.',
    response: {
      status: 200,
      description: 'The subscription, disabled.',
      schema: subscriptionSchema,
      example: { ...SUBSCRIPTION_EXAMPLE, status: 'disabled', disabled_reason: 'paused through the API' },
    },
  })
  async disable(@Param('id', subscriptionId) id: string) {
    await this.disabler.disable((await this.existing(id)).id, 'paused through the API');
    return subscriptionView(await this.existing(id));
  }

  /** Counts the matching past events now; the alert router delivers them at a bounded rate. */
  @Post(':id/replay')
  @HttpCode(202)
  @RequireScopes('subscriptions:write')
  @ApiDocs({
    summary: 'Replay past events',
    description:
      'Counts the past events matching the subscription and these bounds (all narrow: a start position, a recorded-time window, ' +
      'event types) and re-delivers them at a bounded rate, with their original `webhook-id` and `replay: true`. ' +
      'Follow it at `GET /v1/replays/{id}`.',
    body: { schema: replayBody, example: { since: '2026-01-01T00:00:00Z', event_types: ['acquisition.review_opened'] } },
    response: {
      status: 202,
      description: 'The replay, started.',
      schema: z.object({ replay_id: z.string(), matched: z.number().int() }),
      example: { replay_id: 'c2a4e6f8-1b3d-4f5a-8c7e-9d0b2a4c6e81', matched: 17 },
    },
    problems: [409],
  })
  async replay(@Param('id', subscriptionId) id: string, @Body(new ZodPipe(replayBody.prefault({}))) body: ReplayRequest) {
    const replay = await this.replays.create(this.active(await this.existing(id)), body);
    return { replay_id: replay.id, matched: replay.matched };
  }

  @Get(':id/deliveries')
  @RequireScopes('read')
  @ApiQueries(deliveriesQuery)
  @ApiDocs({
    summary: 'The delivery log',
    description:
      "The subscription's deliveries, newest first, optionally by status, each with every attempt (time, status code, latency, the first 20 KB of the answer).",
    response: {
      status: 200,
      description: 'A page of deliveries.',
      schema: pageOf(deliverySchema),
      example: { data: [DELIVERY_EXAMPLE], next_cursor: null },
    },
  })
  async deliveriesOf(
    @Param('id', subscriptionId) id: string,
    @Query(new ZodPipe(deliveriesQuery)) query: z.output<typeof deliveriesQuery>,
  ) {
    await this.existing(id);
    const rows = await this.deliveries.page(id, query.status, decodeKeyset(query.cursor), query.limit);
    return toPage(rows, query.limit, keysetOf, deliveryView);
  }

  private async existing(id: string): Promise<SubscriptionRow> {
    return this.found(id, await this.subscriptions.find(id));
  }

  private found(id: string, row: SubscriptionRow | null): SubscriptionRow {
    if (!row) throw problems.notFound(`No subscription ${id}.`);
    return row;
  }

  private active(subscription: SubscriptionRow): SubscriptionRow {
    if (subscription.status === 'active') return subscription;
    throw problems.conflict(`The subscription is disabled (${subscription.disabled_reason}); enable it first.`, {
      current_state: subscription.status,
    });
  }
}

/** Keys that may manage subscriptions see their URLs whole; read-only keys without their secrets. */
function readerView(request: AuthenticatedRequest): { fullUrl: boolean } {
  return { fullUrl: grants(request.apiKey?.scopes ?? [], 'subscriptions:write') };
}
