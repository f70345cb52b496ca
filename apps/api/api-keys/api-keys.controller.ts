import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiDocs, ApiKeysRepository, problems, RequireScopes, SCOPES, ZodPipe, type AuthenticatedRequest } from '@newsledger/platform';
import { z } from 'zod';

const createKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  scopes: z
    .array(z.enum(SCOPES))
    .min(1)
    .transform((scopes) => [...new Set(scopes)]),
});

const keyView = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  created_at: z.string().meta({ format: 'date-time' }),
});
const KEY_EXAMPLE = {
  id: '5f0c7a52-3e59-4d4e-9c1b-0b1f6a2d9e11',
  name: 'scraper',
  scopes: ['events:write'],
  created_at: '2026-02-11T09:00:00.000Z',
};

@ApiTags('admin')
@RequireScopes('admin')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysRepository) {}

  /** The key is in this response only; the service keeps its SHA-256 digest. */
  @Post()
  @ApiDocs({
    summary: 'Create an API key',
    description:
      'A new key with a name and its scopes. The key itself (`nlk_…`) is in this answer only: the service keeps its SHA-256 digest.',
    body: { schema: createKeyBody, example: { name: 'scraper', scopes: ['events:write'] } },
    response: {
      status: 201,
      description: 'The key, shown once.',
      schema: keyView.extend({ key: z.string() }),
      example: { ...KEY_EXAMPLE, key: 'nlk_3q2…' },
    },
  })
  create(@Body(new ZodPipe(createKeyBody)) body: z.output<typeof createKeyBody>) {
    return this.keys.create(body.name, body.scopes);
  }

  @Get()
  @ApiDocs({
    summary: 'List the active API keys',
    description: 'Every key not revoked, oldest first, without the keys themselves.',
    response: {
      status: 200,
      description: 'The keys (one page).',
      schema: z.object({ data: z.array(keyView), next_cursor: z.null() }),
      example: { data: [KEY_EXAMPLE], next_cursor: null },
    },
  })
  async list() {
    return { data: await this.keys.list(), next_cursor: null };
  }

  /** The key making the request (any key): clients such as the workspace show only what its scopes allow. */
  @Get('current')
  @RequireScopes()
  @ApiDocs({
    summary: 'Which key is this',
    description:
      'The key making the request, with its scopes: clients such as the workspace show only what those scopes allow. Any valid key may ask.',
    response: { status: 200, description: 'The calling key.', schema: keyView, example: KEY_EXAMPLE },
  })
  current(@Req() request: AuthenticatedRequest) {
    return request.apiKey;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiDocs({
    summary: 'Revoke an API key',
    description: 'The key stops working everywhere within 5 seconds (each process caches a valid key that long).',
    response: { status: 204, description: 'Revoked.' },
  })
  async revoke(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    if (!(await this.keys.revoke(id))) throw problems.notFound(`No active API key ${id}.`);
  }
}
