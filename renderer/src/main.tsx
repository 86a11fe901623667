import { StrictMode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createHttpWorkbench, takeTokenFromLocation } from './transport/http';
import { queryClient } from './data/queries';
import { installPendingSaveFlush } from './data/pending-saves';
import './styles.css';

// In Electron the preload has already put the contract on window.workbench; in browser mode we
// build the same object over HTTP.
if (!window.workbench) {
  window.workbench = createHttpWorkbench(takeTokenFromLocation());
}

installPendingSaveFlush();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
