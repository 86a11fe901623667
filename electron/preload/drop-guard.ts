// A file dropped anywhere but on a drop zone must not make the window open it (main refuses the
// navigation too; this stops it before it starts). Drop zones take their events first and call
// preventDefault, so what reaches the window unclaimed is refused here.
export type DragEventLike = { defaultPrevented: boolean; preventDefault: () => void; dataTransfer?: { dropEffect: string } | null };
export type DropTarget = { addEventListener: (type: 'dragover' | 'drop', listener: (event: DragEventLike) => void) => void };

export function refuseUnclaimedDrop(event: DragEventLike): void {
  if (event.defaultPrevented) return; // a drop zone took it
  event.preventDefault();
  if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
}

export function guardFileDrops(target: DropTarget): void {
  target.addEventListener('dragover', refuseUnclaimedDrop);
  target.addEventListener('drop', refuseUnclaimedDrop);
}
