import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { grants, openApiSchema, pageQuery, problems, RequireScopes, toPage, ZodPipe, type AuthenticatedRequest } from '@newsledger/platform';
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
  @ApiBody({ schema: openApiSchema(createSubscriptionBody) })
  async create(@Body(new ZodPipe(createSubscriptionBody)) body: CreateSubscription) {
    await this.checks.assertAcceptable(body);
    const secret = generateWebhookSecret();
    return { ...subscriptionView(await this.subscriptions.create(body, secret)), secret };
  }

  @Get()
  @RequireScopes('read')
  async list(@Query(new ZodPipe(listSubscriptionsQuery)) query: z.output<typeof listSubscriptionsQuery>, @Req() request: AuthenticatedRequest) {
    const rows = await this.subscriptions.page(decodeKeyset(query.cursor), query.limit, query.status);
    const view = readerView(request);
    return toPage(rows, query.limit, keysetOf, (row) => subscriptionView(row, view));
  }

  @Get(':id')
  @RequireScopes('read')
  async get(@Param('id', subscriptionId) id: string, @Req() request: AuthenticatedRequest) {
    return subscriptionView(await this.existing(id), readerView(request));
  }

  @Patch(':id')
  @RequireScopes('subscriptions:write')
  @ApiBody({ schema: openApiSchema(patchSubscriptionBody) })
  async patch(@Param('id', subscriptionId) id: string, @Body(new ZodPipe(patchSubscriptionBody)) body: PatchSubscription) {
    await this.existing(id);
    await this.checks.assertAcceptable(body);
    return subscriptionView(this.found(id, await this.subscriptions.update(id, body)));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes('subscriptions:write')
  async delete(@Param('id', subscriptionId) id: string): Promise<void> {
    if (!(await this.subscriptions.delete(id))) throw problems.notFound(`No subscription ${id}.`);
  }

  /** A new secret; the old one keeps signing beside it for 24 hours. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @RequireScopes('subscriptions:write')
  async rotateSecret(@Param('id', subscriptionId) id: string) {
    const secret = generateWebhookSecret();
    return { ...subscriptionView(this.found(id, await this.subscriptions.rotateSecret(id, secret))), secret };
  }

  /** Sends a `subscription.test` message, whatever the subscription's event types. */
  @Post(':id/test')
  @HttpCode(202)
  @RequireScopes('subscriptions:write')
  async test(@Param('id', subscriptionId) id: string) {
    const subscription = this.active(await this.existing(id));
    const [delivery] = await this.messages.send([subscription.id], 'subscription.test', { subscription_id: subscription.id });
    return { delivery_id: delivery.id, message_id: delivery.message_id };
  }

  /** Re-activates a disabled subscription (the URL is checked again). Deliveries that died meanwhile stay dead until retried. */
  @Post(':id/enable')
  @HttpCode(200)
  @RequireScopes('subscriptions:write')
  async enable(@Param('id', subscriptionId) id: string) {
    const subscription = await this.existing(id);
    await this.checks.assertAcceptable({ url: subscription.url });
    return subscriptionView(this.found(id, await this.subscriptions.enable(id)));
  }

  /** Pauses deliveries until enable; like any disabling, it tells the subscriptions that asked for `subscription.*`. */
  @Post(':id/disable')
  @HttpCode(200)
  @RequireScopes('subscriptions:write')
  async disable(@Param('id', subscriptionId) id: string) {
    await this.disabler.disable((await this.existing(id)).id, 'paused through the API');
    return subscriptionView(await this.existing(id));
  }

  /** Counts the matching past events now; the alert router delivers them at a bounded rate. */
  @Post(':id/replay')
  @HttpCode(202)
  @RequireScopes('subscriptions:write')
  @ApiBody({ schema: openApiSchema(replayBody) })
  async replay(@Param('id', subscriptionId) id: string, @Body(new ZodPipe(replayBody.prefault({}))) body: ReplayRequest) {
    const replay = await this.replays.create(this.active(await this.existing(id)), body);
    return { replay_id: replay.id, matched: replay.matched };
  }

  @Get(':id/deliveries')
  @RequireScopes('read')
  async deliveriesOf(@Param('id', subscriptionId) id: string, @Query(new ZodPipe(deliveriesQuery)) query: z.output<typeof deliveriesQuery>) {
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
