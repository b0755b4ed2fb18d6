/** Commander arg parser for list flags: comma-separated, repeatable, blanks dropped. */
export function parseList(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}
