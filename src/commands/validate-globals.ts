/**
 * Checks the connection flags before any AWS call: a URL without a scheme otherwise surfaces
 * as "TypeError: Invalid URL" with a credentials hint, and a typo'd region reaches STS (or waits
 * seconds on DNS) before failing as a credentials problem.
 */
import { isKnownRegion, KNOWN_REGIONS } from '../core/model/regions.js';
import { closestMatches } from '../core/model/suggest.js';
import { UsageError } from '../errors.js';
import type { GlobalOptions } from './context.js';

/**
 * The shape of every AWS region name, including partitions the known list leaves out
 * (us-gov-west-1, cn-north-1, us-isob-east-1): area, optional partition, direction, number.
 */
const REGION_SHAPE =
  /^[a-z]{2}(-gov|-iso[a-z]?)?-(central|north|south|east|west|northeast|northwest|southeast|southwest)-\d{1,2}$/;

/** A problem with a region name, or undefined when it looks like an AWS region. */
export function regionProblem(region: string): { message: string; hint: string } | undefined {
  if (isKnownRegion(region) || REGION_SHAPE.test(region)) return undefined;
  const near = closestMatches(region, KNOWN_REGIONS);
  return {
    message: `"${region}" is not an AWS region name.`,
    hint: near.length
      ? `Did you mean ${near.map((n) => `"${n}"`).join(' or ')}?`
      : 'A region looks like eu-west-1 or us-east-1.',
  };
}

/** A problem with an endpoint URL, or undefined when it is an http(s) URL. */
export function endpointProblem(url: string): { message: string; hint: string } | undefined {
  const withScheme = `http://${url}`;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host) {
    return undefined;
  }
  // `localhost:4599` parses with the scheme "localhost:"; `127.0.0.1:4599` does not parse.
  const hostLike = !/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && URL.canParse(withScheme);
  return {
    message: `"${url}" is not an http:// or https:// URL.`,
    hint: hostLike
      ? `Add the scheme: ${withScheme} (the sandbox listens on http).`
      : 'An endpoint looks like http://127.0.0.1:4599 or https://ec2.eu-west-1.amazonaws.com.',
  };
}

/** Throws a UsageError for the first bad connection setting (flag first, then environment). */
export function validateConnection(
  globals: Pick<GlobalOptions, 'region' | 'endpointUrl'>,
  env: Record<string, string | undefined>,
): void {
  const regions: [string, string | undefined][] = [
    ['--region', globals.region],
    ['AWS_REGION', globals.region ? undefined : env.AWS_REGION],
  ];
  for (const [source, value] of regions) {
    if (value === undefined || value === '') continue;
    const problem = regionProblem(value);
    if (problem) throw new UsageError(`${source}: ${problem.message}`, { hint: problem.hint });
  }
  const endpoints: [string, string | undefined][] = [
    ['--endpoint-url', globals.endpointUrl],
    ['AWS_ENDPOINT_URL', globals.endpointUrl ? undefined : env.AWS_ENDPOINT_URL],
  ];
  for (const [source, value] of endpoints) {
    if (value === undefined || value === '') continue;
    const problem = endpointProblem(value);
    if (problem) throw new UsageError(`${source}: ${problem.message}`, { hint: problem.hint });
  }
}
