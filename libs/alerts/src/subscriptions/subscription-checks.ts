import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, problems, type AppConfig } from '@newsledger/platform';
import { urlRefusal } from '../url-safety/url-policy.js';
import { unknownEventTypePatterns } from './event-types.js';

/** What a well-formed body can still get wrong (422): an endpoint the safety rules refuse, a type nothing has. */
@Injectable()
export class SubscriptionChecks {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async assertAcceptable({ url, event_types }: { url?: string; event_types?: readonly string[] }): Promise<void> {
    const errors: { path: string; message: string }[] = [];
    if (url !== undefined) {
      const refusal = await urlRefusal(new URL(url), this.config.webhook);
      if (refusal) errors.push({ path: '/url', message: refusal });
    }
    const unknown = unknownEventTypePatterns(event_types ?? []);
    for (const pattern of unknown) errors.push({ path: `/event_types/${event_types!.indexOf(pattern)}`, message: `no event type matches ${pattern}` });
    if (errors.length > 0) throw problems.unprocessable(errors.map((e) => e.message).join('; '), { errors });
  }
}
