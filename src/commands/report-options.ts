import { type Command, Option } from 'commander';

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

/** `--format`, `--out` and `--out-dir`, the same for every command that writes reports. */
export function addReportOutputOptions(command: Command, formats: string): Command {
  return command
    .addOption(
      new Option(
        '-f, --format <formats>',
        `${formats} (comma-separated or repeated; several need --out-dir)`,
      ).argParser(parseList),
    )
    .addOption(
      new Option(
        '-o, --out <file>',
        'write the report to this file (format from --format or the extension)',
      ),
    )
    .addOption(new Option('--out-dir <dir>', 'write one file per format into this directory'));
}
