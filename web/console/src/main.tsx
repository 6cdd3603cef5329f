import { createRoot } from 'react-dom/client';

function Console() {
  return <h1>Baton console</h1>;
}

createRoot(document.getElementById('root')!).render(<Console />);
