import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createHttpWorkbench, takeTokenFromLocation } from './transport/http';
import './styles.css';

// In Electron the preload has already put the contract on window.workbench; in browser mode we
// build the same object over HTTP.
if (!window.workbench) {
  window.workbench = createHttpWorkbench(takeTokenFromLocation());
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
