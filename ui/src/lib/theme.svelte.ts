// Light and dark: the system's preference until the user picks one with the toggle
// (remembered on this machine). The effective theme is set as <html data-theme="…">,
// which app.css reads.

export type Theme = 'light' | 'dark';

const KEY = 'leadaudit.theme';

function stored(): Theme | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

function media(): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
}

class ThemeState {
  /** The user's explicit choice; `null` follows the system. */
  choice = $state<Theme | null>(null);
  system = $state<Theme>('light');

  get current(): Theme {
    return this.choice ?? this.system;
  }

  /** Reads the stored choice and the system's preference, and applies the result. */
  init(): void {
    this.choice = stored();
    const m = media();
    this.system = m?.matches ? 'dark' : 'light';
    m?.addEventListener?.('change', (e) => {
      this.system = e.matches ? 'dark' : 'light';
      this.apply();
    });
    this.apply();
  }

  set(theme: Theme): void {
    this.choice = theme;
    try {
      localStorage.setItem(KEY, theme);
    } catch {
      // Not remembered; still applied.
    }
    this.apply();
  }

  toggle(): void {
    this.set(this.current === 'dark' ? 'light' : 'dark');
  }

  apply(): void {
    document.documentElement.dataset.theme = this.current;
  }
}

export const theme = new ThemeState();
