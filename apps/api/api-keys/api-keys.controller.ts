import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { ApiKeysRepository, openApiSchema, problems, RequireScopes, SCOPES, ZodPipe, type AuthenticatedRequest } from '@newsledger/platform';
import { z } from 'zod';

const createKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  scopes: z.array(z.enum(SCOPES)).min(1).transform((scopes) => [...new Set(scopes)]),
});

@ApiTags('admin')
@ApiBearerAuth()
@RequireScopes('admin')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysRepository) {}

  /** The key is in this response only; the service keeps its SHA-256 digest. */
  @Post()
  @ApiBody({ schema: openApiSchema(createKeyBody) })
  create(@Body(new ZodPipe(createKeyBody)) body: z.output<typeof createKeyBody>) {
    return this.keys.create(body.name, body.scopes);
  }

  @Get()
  async list() {
    return { data: await this.keys.list(), next_cursor: null };
  }

  /** The key making the request (any key): clients such as the workspace show only what its scopes allow. */
  @Get('current')
  @RequireScopes()
  current(@Req() request: AuthenticatedRequest) {
    return request.apiKey;
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    if (!(await this.keys.revoke(id))) throw problems.notFound(`No active API key ${id}.`);
  }
}
