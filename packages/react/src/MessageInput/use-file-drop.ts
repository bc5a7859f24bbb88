import { type DragEvent, useRef, useState } from 'react';

/** Handlers of a drop zone for files, and whether files are being dragged over it. */
export interface FileDrop {
  active: boolean;
  handlers: {
    onDragEnter(event: DragEvent): void;
    onDragOver(event: DragEvent): void;
    onDragLeave(event: DragEvent): void;
    onDrop(event: DragEvent): void;
  };
}

const carriesFiles = (event: DragEvent) =>
  Array.prototype.includes.call(event.dataTransfer?.types ?? [], 'Files');

/** A drop zone that hands the first dropped file to `onFile`; text drags pass through. */
export function useFileDrop(onFile: (file: File) => void): FileDrop {
  const [active, setActive] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them.
  const depth = useRef(0);
  return {
    active,
    handlers: {
      onDragEnter(event) {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current++;
        setActive(true);
      },
      onDragOver(event) {
        if (!carriesFiles(event)) return;
        // Without it the browser refuses the drop (and opens the file instead).
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave(event) {
        if (!carriesFiles(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setActive(false);
      },
      onDrop(event) {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setActive(false);
        const file = event.dataTransfer.files[0];
        if (file) onFile(file);
      },
    },
  };
}
