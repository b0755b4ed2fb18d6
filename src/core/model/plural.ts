/** "1 account", "2 accounts", "1 OU", "4 OUs": counts in output read as English. */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
