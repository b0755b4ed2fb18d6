/** ANSI styling for the text writers; every function is the identity when colour is off. */
import pc from 'picocolors';
import type { TargetStatus } from '../core/verify/types.js';

export type Colors = ReturnType<typeof pc.createColors>;

export function colorsFor(enabled: boolean | undefined): Colors {
  return pc.createColors(enabled === true);
}

export function paintStatus(colors: Colors, status: TargetStatus, text: string = status): string {
  switch (status) {
    case 'compliant':
      return colors.green(text);
    case 'drift':
      return colors.yellow(text);
    case 'managed-by-declarative-policy':
      return colors.cyan(text);
    case 'unreachable':
      return colors.magenta(text);
    case 'error':
      return colors.red(text);
    case 'excepted':
      return colors.blue(text);
    case 'suspended':
      return colors.dim(text);
  }
}
