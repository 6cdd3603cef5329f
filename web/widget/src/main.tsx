/**
 * Baton's customer widget: `<script src="https://baton.example/widget.js" data-title="…"></script>` adds a
 * `<baton-widget>` with an open shadow root to the page. `data-baton-url` (default: the script's own origin),
 * `data-title`, and optionally `data-customer-name` / `data-customer-email` configure it; the same data attributes on
 * a `<baton-widget>` placed by hand win.
 */
import { render } from 'preact';
import { Chat } from './chat.ts';
import { css } from './styles.ts';
import { App } from './ui.tsx';

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  Array.from(document.querySelectorAll<HTMLScriptElement>('script[src*="widget.js"]')).pop() ??
  null;
const scriptData: Record<string, string | undefined> = { ...script?.dataset };

function scriptOrigin(): string {
  try {
    return new URL(script?.src || location.href, location.href).origin;
  } catch {
    return location.origin;
  }
}

class BatonWidget extends HTMLElement {
  private chat: Chat | undefined;
  private mount: HTMLElement | undefined;

  connectedCallback(): void {
    if (this.chat) return;
    const data = { ...scriptData, ...this.dataset };
    const baseUrl = (data.batonUrl?.trim() || scriptOrigin()).replace(/\/+$/, '');
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    this.mount = document.createElement('div');
    root.replaceChildren(style, this.mount);
    this.chat = new Chat({ baseUrl, customerName: data.customerName || undefined, customerEmail: data.customerEmail || undefined });
    render(<App chat={this.chat} title={data.title || 'Chat with us'} customerEmail={data.customerEmail || undefined} />, this.mount);
    this.chat.start();
  }

  disconnectedCallback(): void {
    if (this.mount) render(null, this.mount);
    this.chat?.stop();
    this.chat = undefined;
  }
}

if (!customElements.get('baton-widget')) customElements.define('baton-widget', BatonWidget);

function place(): void {
  if (!document.querySelector('baton-widget')) document.body.append(document.createElement('baton-widget'));
}

if (document.body) place();
else document.addEventListener('DOMContentLoaded', place, { once: true });
