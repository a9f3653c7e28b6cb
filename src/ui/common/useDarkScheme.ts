/** Whether the system asks for the dark theme, following it as it changes (for colours CSS cannot reach, like chart series). */
import { useEffect, useState } from 'react';

const QUERY = '(prefers-color-scheme: dark)';

export function useDarkScheme(): boolean {
  const [dark, setDark] = useState(() => matchMedia(QUERY).matches);
  useEffect(() => {
    const m = matchMedia(QUERY);
    const onChange = () => setDark(m.matches);
    m.addEventListener('change', onChange);
    return () => m.removeEventListener('change', onChange);
  }, []);
  return dark;
}
