// Workshop mode on or off, shared by the header's toggle, the keyboard shortcut and
// the open workspace (which shows the presenter view in place of its screens).

import { setFullscreen } from './api';

/** Whether a key press toggles workshop mode: F11, or Ctrl+Shift+W. */
export function isWorkshopToggle(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey'>): boolean {
  if (event.key === 'F11' && !event.ctrlKey && !event.altKey && !event.metaKey) return true;
  return event.ctrlKey && event.shiftKey && !event.altKey && !event.metaKey && (event.code === 'KeyW' || event.key.toLowerCase() === 'w');
}

class WorkshopMode {
  #active = $state(false);
  /** A workspace with an audit is open: the mode can be turned on. */
  available = $state(false);

  /** The presenter view is on screen; it takes the whole screen, and gives it back on leaving. */
  get active(): boolean {
    return this.#active;
  }

  set active(on: boolean) {
    if (on === this.#active) return;
    this.#active = on;
    void setFullscreen(on);
  }

  toggle(): void {
    if (this.active) this.active = false;
    else if (this.available) this.active = true;
  }
}

export const workshop = new WorkshopMode();
