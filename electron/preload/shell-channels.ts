// The two IPC channels of the shell itself (not the contract): main asks the page to save what it
// has pending before the window closes, and the page answers when it has sent those saves.
export const FLUSH_REQUEST_CHANNEL = 'workbench-shell:flush';
export const FLUSH_DONE_CHANNEL = 'workbench-shell:flushed';
