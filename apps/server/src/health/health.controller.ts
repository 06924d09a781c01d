import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Controller('api/v1')
export class HealthController {
  constructor(private readonly ds: DataSource) {}

  @Get('health')
  async health() {
    await this.ds.query('SELECT 1');
    return { status: 'ok', database: 'up' };
  }
}
