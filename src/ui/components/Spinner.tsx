import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { useTheme } from '../theme.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A small spinner; its own timer so it animates even when no event arrives. */
export function Spinner() {
  const theme = useTheme();
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), 120);
    return () => clearInterval(timer);
  }, []);
  return <Text color={theme.tone('accent')}>{FRAMES[frame]}</Text>;
}
