import { Injectable, Logger } from '@nestjs/common';
import { OperationalMessages } from '../deliveries/operational-messages.js';
import { matches } from './criteria.js';
import { criteriaOf } from './subscription.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

const NOTICE = 'subscription.disabled';

/** Disables an endpoint and tells the subscriptions that asked for `subscription.*`. */
@Injectable()
export class SubscriptionDisabler {
  private readonly logger = new Logger(SubscriptionDisabler.name);

  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly messages: OperationalMessages,
  ) {}

  async disable(subscriptionId: string, reason: string): Promise<void> {
    const disabled = await this.subscriptions.disable(subscriptionId, reason);
    if (!disabled) return; // someone else disabled it first, and sent the notice
    this.logger.warn(`subscription ${subscriptionId} disabled: ${reason}`);
    const notice = { type: NOTICE, companies: [], regions: [], jurisdiction: null, confidence: null };
    const watchers = (await this.subscriptions.listActive()).filter((s) => matches(criteriaOf(s), notice));
    await this.messages.send(
      watchers.map((s) => s.id),
      NOTICE,
      { subscription_id: disabled.id, url: disabled.url, reason, disabled_at: disabled.disabled_at },
    );
  }
}
