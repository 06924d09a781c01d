const escape = (s: string): string => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');

/** Repository-name patterns of rulesets: `*` and `?`, case-insensitive, `~ALL` for everything. */
export function matchesRepositoryName(pattern: string, name: string): boolean {
  if (pattern === '~ALL') return true;
  return new RegExp(`^${escape(pattern).replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i').test(name);
}

/** Branch protection patterns are fnmatch with `*` stopping at `/` and `**` crossing it. */
export function matchesBranch(pattern: string, branch: string): boolean {
  const source = escape(pattern)
    .replace(/\*\*/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
    .replace(/\u0000/g, '.*');
  return new RegExp(`^${source}$`).test(branch);
}
