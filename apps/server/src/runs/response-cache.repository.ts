import type { CachedResponse, ResponseCache } from '@astrolabe/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A connection's conditional-request cache in PostgreSQL, handed to its connector as a ResponseCache. */
@Injectable()
export class ResponseCacheRepository {
  constructor(private readonly ds: DataSource) {}

  forConnection(workspaceId: string, connectionId: string, now: () => Date): ResponseCache {
    return {
      get: async (key) => {
        const rows: { etag: string; value: unknown }[] = await this.ds.query('SELECT etag, value FROM connector_response_cache WHERE workspace_id = $1 AND connection_id = $2 AND key = $3', [workspaceId, connectionId, key]);
        const row = rows[0];
        return row ? ({ etag: row.etag, value: row.value } satisfies CachedResponse) : undefined;
      },
      set: async (key, response) => {
        await this.ds.query(
          `INSERT INTO connector_response_cache (workspace_id, connection_id, key, etag, value, updated_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
           ON CONFLICT (connection_id, key) DO UPDATE SET etag = EXCLUDED.etag, value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
          [workspaceId, connectionId, key, response.etag, JSON.stringify(response.value), now()],
        );
      },
    };
  }
}
