/** The form parameters of one Query-protocol request (`Action`, `MaxItems`, `Filter.member.1`, …). */
export class QueryParams {
  constructor(private readonly params: URLSearchParams) {}

  get(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  /** A list parameter, serialized by the SDK as `Name.member.1`, `Name.member.2`, … */
  list(name: string): string[] {
    const prefix = `${name}.member.`;
    const found: Array<[number, string]> = [];
    for (const [key, value] of this.params) {
      if (key.startsWith(prefix)) found.push([Number(key.slice(prefix.length)), value]);
    }
    return found.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }
}
