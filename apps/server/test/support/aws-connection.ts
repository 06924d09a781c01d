import type { Connection, Workspace } from '@astrolabe/api-contract';

/** Any way of calling the API that returns the parsed JSON body. */
export type ApiCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** A new workspace with one aws-iam connection reading `endpointUrl` (an IAM emulator). */
export async function createAwsWorkspace(call: ApiCall, slug: string, endpointUrl: string): Promise<{ ws: Workspace; connection: Connection }> {
  const ws = await call<Workspace>('POST', '/api/v1/workspaces', { slug, name: slug });
  const connection = await call<Connection>('POST', `/api/v1/workspaces/${ws.id}/connections`, {
    connectorId: 'aws-iam',
    name: 'prod',
    config: { endpointUrl },
    secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'emulator-does-not-check' },
  });
  return { ws, connection };
}
