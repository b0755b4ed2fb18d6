/** Colours in one place; with NO_COLOR / --no-color every component renders without them. */
import { createContext, type ReactNode, useContext } from 'react';

const TONES = {
  ok: 'green',
  fail: 'red',
  warn: 'yellow',
  accent: 'cyan',
  muted: 'gray',
} as const;

export type Tone = keyof typeof TONES;

const ThemeContext = createContext<{ color: boolean }>({ color: true });

export function ThemeProvider(props: { color: boolean; children: ReactNode }) {
  return (
    <ThemeContext.Provider value={{ color: props.color }}>{props.children}</ThemeContext.Provider>
  );
}

export interface Theme {
  color: boolean;
  /** The ink colour of a tone, or undefined without colours. */
  tone(tone: Tone): string | undefined;
}

export function useTheme(): Theme {
  const { color } = useContext(ThemeContext);
  return { color, tone: (tone) => (color ? TONES[tone] : undefined) };
}

export const ICONS = {
  pending: '○',
  ok: '✔',
  failed: '✖',
  skipped: '↷',
  pointer: '›',
  warn: '⚠',
} as const;
