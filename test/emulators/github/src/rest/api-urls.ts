/** The addresses GitHub Enterprise Server uses: REST under `/api/v3`, pages at the root. */
export interface ApiUrls {
  /** e.g. `http://127.0.0.1:4600/api/v3` */
  readonly api: string;
  /** e.g. `http://127.0.0.1:4600` */
  readonly web: string;
  readonly graphql: string;
}

export function apiUrls(origin: string): ApiUrls {
  return { api: `${origin}/api/v3`, web: origin, graphql: `${origin}/api/graphql` };
}
