// The same React shell without the widget: built only to measure what the widget adds (see vite.config.ts).
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Site } from './Site.tsx';

function Baseline() {
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  return <Site theme={theme} onToggleTheme={() => setTheme(theme === 'light' ? 'dark' : 'light')} received={[]} errors={[]} callState="idle" />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Baseline />
  </StrictMode>,
);
