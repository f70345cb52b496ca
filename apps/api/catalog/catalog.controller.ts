import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { describeCatalog } from '@newsledger/domain';
import { ApiDocs, RequireScopes } from '@newsledger/platform';
import { z } from 'zod';

const catalogSchema = z.object({
  envelope_rules: z.array(z.string()).meta({ description: 'What every event must satisfy, whatever its type.' }),
  types: z.array(
    z.object({
      type: z.string(),
      aggregate: z.string().meta({ description: 'The aggregate whose subjects take it (`meta` for `fact.*`, which apply to any stream).' }),
      data_schema: z.record(z.string(), z.unknown()).meta({ description: 'The JSON Schema (2020-12) its `data` is validated against.' }),
      rules: z.array(z.object({ code: z.string(), sentence: z.string() })).meta({ description: 'Its rules; a 409 problem names the code of the rule broken.' }),
    }),
  ),
});

/** The event catalog for clients: read like the log, with a `read` key. */
@ApiTags('log')
@RequireScopes('read')
@Controller('v1/catalog')
export class CatalogController {
  private readonly catalog = describeCatalog();

  @Get()
  @ApiDocs({
    summary: 'The event catalog',
    description:
      'Every event type the ledger accepts: its aggregate, the JSON Schema of its `data`, and its rules in a sentence each ' +
      '(with the code a 409 problem names when the rule is broken). The same schemas validate `POST /v1/events`.',
    response: {
      status: 200,
      description: 'The catalog.',
      schema: catalogSchema,
      example: {
        envelope_rules: ['With `expected_version`, the stream must be at exactly that version.'],
        types: [
          {
            type: 'listing.delisted',
            aggregate: 'listing',
            data_schema: { type: 'object', properties: { reason: { type: 'string' } } },
            rules: [
              { code: 'listing.closed', sentence: 'Only meta-events may follow a withdrawal or a delisting.' },
              { code: 'listing.not_trading', sentence: 'Only a trading listing can have a price move or a delisting.' },
            ],
          },
        ],
      },
    },
  })
  get() {
    return this.catalog;
  }
}
