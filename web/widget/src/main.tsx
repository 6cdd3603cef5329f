import { render } from 'preact';

/** Placeholder: the widget mounts itself next to its script tag. */
function Widget() {
  return <button type="button" aria-label="Open chat">Chat</button>;
}

const host = document.createElement('div');
document.body.appendChild(host);
render(<Widget />, host);
