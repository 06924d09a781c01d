import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CredentialReportState, IAM_ACTIONS, isIamAction, type ActionContext } from './actions';
import { errorXml, IAM_XMLNS, IamError, iamErrors } from './iam-error';
import { buildIamModel, type IamModel } from './iam-model';
import { QueryParams } from './query-params';
import { parseScenario } from './scenario-loader';
import type { Scenario, ScenarioInput } from './scenario-schema';
import { seededRandom } from './seeded-random';
import { element } from './xml-writer';

/** Faults that can be changed while the emulator runs. */
export interface IamFaults {
  /** Added to every response, errors included. */
  latencyMs: number;
  /** Fraction (0..1) of requests answered `400 Throttling` before the action runs. */
  throttleRate: number;
  /** Actions answered `403 AccessDenied` (`ListVirtualMFADevices` or `iam:ListVirtualMFADevices`). */
  accessDenied: readonly string[];
  /** Actions answered `500 ServiceFailure`. */
  serviceFailure: readonly string[];
  /** Actions answered `200` with a truncated XML body (a page cut off mid-stream). */
  malformed: readonly string[];
  /**
   * Actions never answered: the socket is destroyed once the request is read, so the client sees
   * a network failure (`socket hang up`, ECONNRESET) rather than any IAM error.
   */
  dropConnection: readonly string[];
}

export interface IamEmulatorOptions extends Partial<IamFaults> {
  /** A scenario object (validated here) — see README.md for the format. */
  scenario: Scenario | ScenarioInput;
  /** What relative scenario dates (`-120d`) are measured from. Default: the current time. */
  now?: Date;
  /** Time from GenerateCredentialReport to a COMPLETE report. Default 100 ms. */
  reportDelayMs?: number;
  /** Seed of the throttling dice, so a run with faults repeats. Default 1. */
  seed?: number;
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface IamEmulator {
  /** Endpoint for the SDK (`endpoint` or AWS_ENDPOINT_URL_IAM). */
  readonly url: string;
  readonly port: number;
  readonly accountId: string;
  /** Requests received per action (every request counts, throttled and denied ones too). */
  calls(): Record<string, number>;
  resetCalls(): void;
  setFaults(faults: Partial<IamFaults>): void;
  stop(): Promise<void>;
}

const API_VERSION = '2010-05-08';
const DEFAULT_REPORT_DELAY_MS = 100;
const MAX_BODY_BYTES = 1_000_000;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const normalizeAction = (a: string): string => a.replace(/^iam:/, '');

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(iamErrors.invalidInput('Request body too large.'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The access key id of a SigV4 request (header or presigned query); signatures are not verified. */
function accessKeyId(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  if (header) return /Credential=([^/,\s]+)\//.exec(header)?.[1] ?? '';
  const credential = url.searchParams.get('X-Amz-Credential');
  return credential ? (credential.split('/')[0] ?? '') : undefined;
}

function callerArn(model: IamModel, keyId: string): string {
  const owner = model.findAccessKeyOwner(keyId);
  if (owner === 'root') return model.root.arn;
  return owner ? owner.arn : `arn:aws:iam::${model.accountId}:user/emulator-caller`;
}

/**
 * Starts an in-process IAM endpoint speaking the Query protocol exactly as @aws-sdk/client-iam
 * sends and parses it, seeded from a scenario, with latency/throttling/AccessDenied/dropped-connection injection.
 */
export async function startIamEmulator(options: IamEmulatorOptions): Promise<IamEmulator> {
  const scenario = parseScenario(options.scenario);
  const startedAt = options.now ?? new Date();
  const startedMs = Date.now();
  const clock = (): Date => new Date(startedAt.getTime() + (Date.now() - startedMs));
  const model = buildIamModel(scenario, startedAt);
  const reports = new CredentialReportState(model, options.reportDelayMs ?? DEFAULT_REPORT_DELAY_MS);
  const random = seededRandom(options.seed ?? 1);
  const faults: IamFaults = {
    latencyMs: options.latencyMs ?? 0,
    throttleRate: options.throttleRate ?? 0,
    accessDenied: (options.accessDenied ?? []).map(normalizeAction),
    serviceFailure: (options.serviceFailure ?? []).map(normalizeAction),
    malformed: (options.malformed ?? []).map(normalizeAction),
    dropConnection: (options.dropConnection ?? []).map(normalizeAction),
  };
  let counts = new Map<string, number>();

  const send = (res: ServerResponse, status: number, xml: string, requestId: string): void => {
    res.writeHead(status, {
      'content-type': 'text/xml',
      'content-length': Buffer.byteLength(xml),
      'x-amzn-requestid': requestId,
    });
    res.end(xml);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    try {
      const url = new URL(req.url ?? '/', 'http://emulator.local');
      const form = new URLSearchParams(url.search);
      if (req.method === 'POST') for (const [k, v] of new URLSearchParams(await readBody(req))) form.append(k, v);
      const params = new QueryParams(form);
      const action = params.get('Action') ?? '';
      counts.set(action, (counts.get(action) ?? 0) + 1);
      if (faults.latencyMs > 0) await delay(faults.latencyMs);

      const keyId = accessKeyId(req, url);
      if (keyId === undefined) throw iamErrors.missingAuthentication();
      if (!isIamAction(action) || params.get('Version') !== API_VERSION) throw iamErrors.invalidAction(action);
      if (faults.dropConnection.includes(action)) {
        req.socket.destroy();
        return;
      }
      const caller = callerArn(model, keyId);
      if (faults.accessDenied.includes(action)) throw iamErrors.accessDenied(caller, action, '*');
      if (faults.serviceFailure.includes(action)) throw iamErrors.serviceFailure();
      if (faults.throttleRate > 0 && random() < faults.throttleRate) throw iamErrors.throttling();

      const ctx: ActionContext = { model, params, reports, now: clock, callerArn: caller };
      const result = IAM_ACTIONS[action](ctx);
      const xml =
        `<${action}Response xmlns="${IAM_XMLNS}">` +
        element(`${action}Result`, result) +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
        `</${action}Response>`;
      send(res, 200, faults.malformed.includes(action) ? xml.slice(0, Math.floor(xml.length / 2)) : xml, requestId);
    } catch (err) {
      const error = err instanceof IamError ? err : iamErrors.serviceFailure();
      if (!(err instanceof IamError)) console.error('[iam-emulator] unexpected error', err);
      send(res, error.status, errorXml(error, requestId), requestId);
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    accountId: model.accountId,
    calls: () => Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b))),
    resetCalls: () => {
      counts = new Map();
    },
    setFaults: (next) => {
      if (next.latencyMs !== undefined) faults.latencyMs = next.latencyMs;
      if (next.throttleRate !== undefined) faults.throttleRate = next.throttleRate;
      if (next.accessDenied !== undefined) faults.accessDenied = next.accessDenied.map(normalizeAction);
      if (next.serviceFailure !== undefined) faults.serviceFailure = next.serviceFailure.map(normalizeAction);
      if (next.malformed !== undefined) faults.malformed = next.malformed.map(normalizeAction);
      if (next.dropConnection !== undefined) faults.dropConnection = next.dropConnection.map(normalizeAction);
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // The SDK keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
