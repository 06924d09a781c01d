import { Controller, Get } from '@nestjs/common';
import { buildOpenApiDocument } from './openapi';

@Controller('api')
export class OpenApiController {
  private readonly document = buildOpenApiDocument();

  @Get('docs')
  docs(): Record<string, unknown> {
    return this.document;
  }
}
