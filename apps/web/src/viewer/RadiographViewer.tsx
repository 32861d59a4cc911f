// A radiograph on a Cornerstone3D stack viewport: pan, zoom, window/level, invert, fit; an SVG overlay in
// screen space; pointer events in image pixel coordinates (see imageCoordinates.ts for the convention); an
// optional magnifying loupe for placing landmarks.
//
// "Screen" coordinates below are CSS pixels relative to the top-left corner of the viewer element (the same as
// Cornerstone's canvas coordinates and the overlay's SVG user units).
import { Enums as CoreEnums, RenderingEngine, utilities, type Types } from '@cornerstonejs/core';
import {
  Enums as ToolEnums,
  PanTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import {
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { imageIdFor, initCornerstone, type RadiographMediaType } from './cornerstone';
import { imageToWorld, worldToImage, type ImagePoint } from './imageCoordinates';
import './viewer.css';

export type { ImagePoint } from './imageCoordinates';
export type { RadiographMediaType } from './cornerstone';

/** What the left mouse button does in navigate mode. */
export type NavigationTool = 'pan' | 'zoom' | 'windowLevel';

export interface ImagePointerEvent {
  type: 'down' | 'move' | 'up';
  /** Image pixels: x right, y down, (0, 0) the top-left corner of the image. */
  image: ImagePoint;
  shiftKey: boolean;
  /** PointerEvent.button: 0 left, 1 middle, 2 right, -1 none (a move with no button pressed). */
  button: number;
}

export interface RadiographViewerHandle {
  /** Fits the whole image in the viewer (resets pan and zoom). */
  fit(): void;
  invert(on: boolean): void;
  /** Back to the image's own window/level (the DICOM VOI, or the full range of a PNG/JPEG). */
  resetWindowLevel(): void;
  /** Image pixels → screen (CSS px from the viewer's top-left corner). [NaN, NaN] before the image is shown. */
  imageToScreen(p: ImagePoint): [number, number];
  /** Screen (CSS px from the viewer's top-left corner) → image pixels. [NaN, NaN] before the image is shown. */
  screenToImage(p: [number, number]): ImagePoint;
}

export interface RadiographViewerProps {
  radiographId: string;
  mediaType: RadiographMediaType;
  /** The image's sha256, if known: a new image of the same radiograph is then never taken from the cache. */
  imageVersion?: string;
  /** An SVG layer above the image, in screen space, re-rendered on every camera change. */
  overlay?: (toScreen: (p: ImagePoint) => [number, number]) => ReactNode;
  onImagePointer?: (event: ImagePointerEvent) => void;
  /**
   * 'navigate' (default): the left button uses `tool`. 'place': the left button gives onImagePointer events
   * only. In both: wheel zooms, right or middle drag pans, Ctrl + left drag sets window/level.
   */
  mode?: 'navigate' | 'place';
  /** The left-button tool in navigate mode (default 'pan'). */
  tool?: NavigationTool;
  /** A 3× magnifying loupe with a crosshair following the cursor in place mode. */
  loupe?: boolean;
  onReady?: (info: { widthPx: number; heightPx: number }) => void;
  /** Accessible name of the image, e.g. "Coronal radiograph, 2026-03-01". */
  label?: string;
  ref?: Ref<RadiographViewerHandle>;
}

const LOUPE_SIZE = 160;
/** Zoom factor per wheel notch (deltaY 100). */
const WHEEL_ZOOM_STEP = 1.2;
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 80;
const LOUPE_ZOOM = 3;
const FIRST_PIXELS = 'spinerecon:first-pixels';
const NAN_POINT: [number, number] = [Number.NaN, Number.NaN];

interface AutomationExtras {
  viewport: () => Types.IStackViewport | null;
  /** Screen → image pixels with Cornerstone's own utilities.worldToImageCoords, to compare with ours. */
  cornerstoneScreenToImage: (p: [number, number]) => [number, number] | null;
}

type Status = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

declare global {
  interface Window {
    /** Viewer handles by radiograph id, for browser automation only (set when navigator.webdriver is true). */
    __spineViewer?: Record<string, RadiographViewerHandle & AutomationExtras>;
  }
}

function loadErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof XMLHttpRequest !== 'undefined' && error instanceof XMLHttpRequest) {
    return `the server answered HTTP ${error.status}`;
  }
  if (typeof error === 'object' && error !== null && 'error' in error && error.error instanceof Error) {
    return error.error.message;
  }
  return 'unknown error';
}

/** Zooms by `factor` keeping the image point under the screen point `at` where it is. */
function zoomAt(viewport: Types.IStackViewport, factor: number, at: [number, number]): void {
  const zoom = viewport.getZoom();
  const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom * factor));
  if (next === zoom) return;
  const before = viewport.canvasToWorld(at);
  viewport.setZoom(next);
  const after = viewport.canvasToWorld(at);
  const { focalPoint, position } = viewport.getCamera();
  if (focalPoint === undefined || position === undefined) return;
  const shift = [before[0] - after[0], before[1] - after[1], before[2] - after[2]];
  const move = (p: Types.Point3): Types.Point3 => [
    p[0] + (shift[0] ?? 0),
    p[1] + (shift[1] ?? 0),
    p[2] + (shift[2] ?? 0),
  ];
  viewport.setCamera({ focalPoint: move(focalPoint), position: move(position) });
  viewport.render();
}

function setBindings(
  toolGroup: ToolTypes.IToolGroup,
  mode: 'navigate' | 'place',
  tool: NavigationTool,
): void {
  const { MouseBindings, KeyboardBindings } = ToolEnums;
  const pan: ToolTypes.IToolBinding[] = [
    { mouseButton: MouseBindings.Secondary },
    { mouseButton: MouseBindings.Auxiliary },
  ];
  // The wheel is handled by the viewer itself (zoomAt): a steady step about the cursor.
  const zoom: ToolTypes.IToolBinding[] = [];
  const windowLevel: ToolTypes.IToolBinding[] = [
    { mouseButton: MouseBindings.Primary, modifierKey: KeyboardBindings.Ctrl },
  ];
  if (mode === 'navigate') {
    const primary = { mouseButton: MouseBindings.Primary };
    if (tool === 'pan') pan.push(primary);
    else if (tool === 'zoom') zoom.push(primary);
    else windowLevel.push(primary);
  }
  // setToolActive adds to the existing bindings: disable first to replace them.
  for (const [name, bindings] of [
    [PanTool.toolName, pan],
    [ZoomTool.toolName, zoom],
    [WindowLevelTool.toolName, windowLevel],
  ] as const) {
    toolGroup.setToolDisabled(name);
    toolGroup.setToolActive(name, { bindings });
  }
}

export function RadiographViewer({
  radiographId,
  mediaType,
  imageVersion,
  overlay,
  onImagePointer,
  mode = 'navigate',
  tool = 'pan',
  loupe = false,
  onReady,
  label,
  ref,
}: RadiographViewerProps): ReactNode {
  const reactId = useId().replace(/[^a-zA-Z0-9]/g, '');
  const containerRef = useRef<HTMLDivElement>(null);
  const elementRef = useRef<HTMLDivElement>(null);
  const loupeRef = useRef<HTMLCanvasElement>(null);
  const viewportRef = useRef<Types.IStackViewport | null>(null);
  const toolGroupRef = useRef<ToolTypes.IToolGroup | null>(null);
  const invertedRef = useRef(false);
  const pointerRef = useRef<{ x: number; y: number } | null>(null);
  const placingRef = useRef<number | null>(null);
  const modeRef = useRef(mode);
  const toolRef = useRef(tool);
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [cameraVersion, setCameraVersion] = useState(0);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [loupeAt, setLoupeAt] = useState<{ x: number; y: number } | null>(null);

  // The latest callbacks, read by the Cornerstone event listeners without re-subscribing them.
  const onReadyRef = useRef(onReady);
  const onImagePointerRef = useRef(onImagePointer);
  useEffect(() => {
    onReadyRef.current = onReady;
    onImagePointerRef.current = onImagePointer;
  });

  const geometry = useCallback((): Pick<Types.IImageData, 'origin' | 'direction' | 'spacing'> | undefined => {
    const viewport = viewportRef.current;
    if (viewport === null || viewport.getCurrentImageId() === undefined) return undefined;
    return viewport.getImageData() ?? undefined;
  }, []);

  const imageToScreen = useCallback(
    (p: ImagePoint): [number, number] => {
      const data = geometry();
      const viewport = viewportRef.current;
      if (data === undefined || viewport === null) return NAN_POINT;
      const [x, y] = viewport.worldToCanvas(imageToWorld(data, p));
      return [x, y];
    },
    [geometry],
  );

  const screenToImage = useCallback(
    (p: [number, number]): ImagePoint => {
      const data = geometry();
      const viewport = viewportRef.current;
      if (data === undefined || viewport === null) return NAN_POINT;
      return worldToImage(data, viewport.canvasToWorld(p));
    },
    [geometry],
  );

  const drawLoupe = useCallback(() => {
    const canvas = loupeRef.current;
    const viewport = viewportRef.current;
    const at = pointerRef.current;
    if (canvas === null || viewport === null || at === null) return;
    const context = canvas.getContext('2d');
    if (context === null) return;
    const source = viewport.getCanvas();
    const ratio = source.width / Math.max(1, source.clientWidth || source.width);
    const dpr = window.devicePixelRatio || 1;
    canvas.width = LOUPE_SIZE * dpr;
    canvas.height = LOUPE_SIZE * dpr;
    const half = LOUPE_SIZE / LOUPE_ZOOM / 2;
    context.imageSmoothingEnabled = false;
    context.fillStyle = '#000';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(
      source,
      (at.x - half) * ratio,
      (at.y - half) * ratio,
      2 * half * ratio,
      2 * half * ratio,
      0,
      0,
      canvas.width,
      canvas.height,
    );
    const c = canvas.width / 2;
    context.strokeStyle = 'rgba(255, 214, 10, 0.9)';
    context.lineWidth = dpr;
    context.beginPath();
    context.moveTo(c, 0);
    context.lineTo(c, c - 6 * dpr);
    context.moveTo(c, c + 6 * dpr);
    context.lineTo(c, canvas.height);
    context.moveTo(0, c);
    context.lineTo(c - 6 * dpr, c);
    context.moveTo(c + 6 * dpr, c);
    context.lineTo(canvas.width, c);
    context.stroke();
  }, []);

  // The rendering engine, viewport and tool group of this viewer; recreated when the image changes.
  const imageId = imageIdFor({ id: radiographId, mediaType, version: imageVersion });
  useEffect(() => {
    const element = elementRef.current;
    if (element === null) return;
    let disposed = false;
    let engine: RenderingEngine | null = null;
    const engineId = `spinerecon-engine-${reactId}`;
    const viewportId = `spinerecon-viewport-${reactId}`;
    const toolGroupId = `spinerecon-tools-${reactId}`;
    let newImage = false;
    let marked = false;
    setStatus({ kind: 'loading' });

    const onNewImage = () => {
      newImage = true;
    };
    const onRendered = () => {
      if (newImage && !marked) {
        marked = true;
        performance.mark(FIRST_PIXELS, { detail: { radiographId } });
        setStatus({ kind: 'ready' });
        const image = viewportRef.current?.getCornerstoneImage();
        if (image !== undefined) onReadyRef.current?.({ widthPx: image.columns, heightPx: image.rows });
      }
      setCameraVersion((v) => v + 1);
      drawLoupe();
    };
    const onCamera = () => setCameraVersion((v) => v + 1);
    const onLoadError = (event: Event) => {
      const detail = (event as CustomEvent<{ error?: unknown }>).detail;
      if (!disposed) setStatus({ kind: 'error', message: loadErrorMessage(detail?.error) });
    };
    const onWheel = (event: WheelEvent) => {
      const viewport = viewportRef.current;
      if (viewport === null || viewport.getCurrentImageId() === undefined) return;
      event.preventDefault();
      event.stopPropagation();
      // deltaMode 1 = lines (Firefox), 0 = pixels; a notch is ~100 px or 3 lines.
      const notches = (event.deltaMode === 1 ? event.deltaY / 3 : event.deltaY / 100) || 0;
      const rect = element.getBoundingClientRect();
      zoomAt(viewport, WHEEL_ZOOM_STEP ** -Math.max(-5, Math.min(5, notches)), [
        event.clientX - rect.left,
        event.clientY - rect.top,
      ]);
    };
    const resizeObserver = new ResizeObserver(() => {
      const rect = element.getBoundingClientRect();
      setSize({ width: rect.width, height: rect.height });
      if (engine !== null && viewportRef.current !== null) engine.resize(true, true);
    });

    (async () => {
      await initCornerstone();
      if (disposed) return;
      engine = new RenderingEngine(engineId);
      engine.enableElement({
        viewportId,
        type: CoreEnums.ViewportType.STACK,
        element,
        defaultOptions: { background: [0, 0, 0] },
      });
      const viewport = engine.getViewport(viewportId) as Types.IStackViewport;
      viewportRef.current = viewport;
      const toolGroup = ToolGroupManager.createToolGroup(toolGroupId);
      if (toolGroup === undefined) throw new Error('could not create the tool group');
      for (const name of [PanTool.toolName, ZoomTool.toolName, WindowLevelTool.toolName]) {
        toolGroup.addTool(name);
      }
      toolGroup.addViewport(viewportId, engineId);
      toolGroupRef.current = toolGroup;
      setBindings(toolGroup, modeRef.current, toolRef.current);
      element.addEventListener(CoreEnums.Events.STACK_NEW_IMAGE, onNewImage);
      element.addEventListener(CoreEnums.Events.IMAGE_RENDERED, onRendered);
      element.addEventListener(CoreEnums.Events.CAMERA_MODIFIED, onCamera);
      element.addEventListener(CoreEnums.Events.VOI_MODIFIED, onCamera);
      resizeObserver.observe(element);
      // Capture phase: before Cornerstone's own wheel listener on the same element.
      element.addEventListener('wheel', onWheel, { passive: false, capture: true });
      const loadErrorTarget = element;
      loadErrorTarget.addEventListener(CoreEnums.Events.IMAGE_LOAD_ERROR, onLoadError);
      await viewport.setStack([imageId]);
      if (disposed) return;
      invertedRef.current = false;
      viewport.render();
    })().catch((error: unknown) => {
      if (!disposed) setStatus({ kind: 'error', message: loadErrorMessage(error) });
    });

    return () => {
      disposed = true;
      resizeObserver.disconnect();
      element.removeEventListener('wheel', onWheel, { capture: true });
      element.removeEventListener(CoreEnums.Events.STACK_NEW_IMAGE, onNewImage);
      element.removeEventListener(CoreEnums.Events.IMAGE_RENDERED, onRendered);
      element.removeEventListener(CoreEnums.Events.CAMERA_MODIFIED, onCamera);
      element.removeEventListener(CoreEnums.Events.VOI_MODIFIED, onCamera);
      element.removeEventListener(CoreEnums.Events.IMAGE_LOAD_ERROR, onLoadError);
      if (toolGroupRef.current !== null) ToolGroupManager.destroyToolGroup(toolGroupId);
      toolGroupRef.current = null;
      viewportRef.current = null;
      engine?.destroy();
    };
  }, [imageId, radiographId, reactId, drawLoupe]);

  // Tool bindings follow the mode and the selected tool.
  useEffect(() => {
    modeRef.current = mode;
    toolRef.current = tool;
    if (toolGroupRef.current !== null) setBindings(toolGroupRef.current, mode, tool);
    if (mode !== 'place') setLoupeAt(null);
  }, [mode, tool]);

  const handle = useRef<RadiographViewerHandle>({
    fit: () => {
      const viewport = viewportRef.current;
      if (viewport === null) return;
      viewport.resetCamera();
      viewport.render();
    },
    invert: (on) => {
      const viewport = viewportRef.current;
      if (viewport === null) return;
      invertedRef.current = on;
      viewport.setProperties({ invert: on });
      viewport.render();
    },
    resetWindowLevel: () => {
      const viewport = viewportRef.current;
      if (viewport === null) return;
      viewport.resetProperties();
      viewport.setProperties({ invert: invertedRef.current });
      viewport.render();
    },
    imageToScreen: (p) => imageToScreen(p),
    screenToImage: (p) => screenToImage(p),
  }).current;
  useImperativeHandle(ref, () => handle, [handle]);

  // Browser automation (e2e tests, benchmark) reaches the handle through window.__spineViewer.
  useEffect(() => {
    if (typeof navigator === 'undefined' || !navigator.webdriver) return;
    const registry = (window.__spineViewer ??= {});
    registry[radiographId] = {
      ...handle,
      viewport: () => viewportRef.current,
      cornerstoneScreenToImage: (p) => {
        const viewport = viewportRef.current;
        const current = viewport?.getCurrentImageId();
        if (viewport === null || current === undefined) return null;
        const image = utilities.worldToImageCoords(current, viewport.canvasToWorld(p));
        return image === undefined ? null : [image[0], image[1]];
      },
    };
    return () => {
      Reflect.deleteProperty(registry, radiographId);
    };
  }, [handle, radiographId]);

  const pointerEvent = (type: ImagePointerEvent['type'], event: ReactPointerEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const screen: [number, number] = [event.clientX - rect.left, event.clientY - rect.top];
    const image = screenToImage(screen);
    if (Number.isNaN(image[0])) return null;
    return { screen, event: { type, image, shiftKey: event.shiftKey, button: event.button } };
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    const result = pointerEvent('down', event);
    if (result === null) return;
    if (mode === 'place' && event.button === 0 && !event.ctrlKey) {
      placingRef.current = event.pointerId;
      event.currentTarget.setPointerCapture(event.pointerId);
      event.preventDefault();
    }
    onImagePointerRef.current?.(result.event);
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const result = pointerEvent('move', event);
    if (result === null) return;
    if (mode === 'place' && loupe) {
      pointerRef.current = { x: result.screen[0], y: result.screen[1] };
      setLoupeAt(pointerRef.current);
      drawLoupe();
    }
    onImagePointerRef.current?.(result.event);
  };
  const onPointerUp = (event: ReactPointerEvent<HTMLDivElement>) => {
    const result = pointerEvent('up', event);
    if (placingRef.current === event.pointerId) {
      placingRef.current = null;
      if (event.currentTarget.hasPointerCapture(event.pointerId)) {
        event.currentTarget.releasePointerCapture(event.pointerId);
      }
    }
    if (result !== null) onImagePointerRef.current?.(result.event);
  };
  const onPointerLeave = () => {
    pointerRef.current = null;
    setLoupeAt(null);
  };

  // Keeps the loupe inside the viewer: below-right of the cursor, flipped near the right and bottom edges.
  const loupeStyle = (() => {
    if (loupeAt === null) return undefined;
    const gap = 24;
    const left = loupeAt.x + gap + LOUPE_SIZE > size.width ? loupeAt.x - gap - LOUPE_SIZE : loupeAt.x + gap;
    const top = loupeAt.y + gap + LOUPE_SIZE > size.height ? loupeAt.y - gap - LOUPE_SIZE : loupeAt.y + gap;
    return { left: Math.max(0, left), top: Math.max(0, top), width: LOUPE_SIZE, height: LOUPE_SIZE };
  })();

  return (
    <div
      ref={containerRef}
      className="rv-viewer"
      data-mode={mode}
      data-tool={tool}
      data-state={status.kind}
      data-radiograph-id={radiographId}
    >
      <div
        ref={elementRef}
        className="rv-viewport"
        role="img"
        aria-label={label ?? 'Radiograph'}
        onContextMenu={(event) => event.preventDefault()}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onPointerLeave={onPointerLeave}
      />
      {status.kind === 'ready' && overlay !== undefined ? (
        <svg
          className="rv-overlay"
          width={size.width}
          height={size.height}
          viewBox={`0 0 ${size.width} ${size.height}`}
          data-camera={cameraVersion}
          aria-hidden="true"
        >
          {overlay(imageToScreen)}
        </svg>
      ) : null}
      {loupe && mode === 'place' ? (
        <canvas
          ref={loupeRef}
          className="rv-loupe"
          style={loupeStyle ?? { display: 'none' }}
          aria-hidden="true"
        />
      ) : null}
      {status.kind === 'loading' ? (
        <p className="rv-status" role="status">
          Loading image…
        </p>
      ) : null}
      {status.kind === 'error' ? (
        <p className="rv-status rv-error" role="alert">
          The image could not be shown: {status.message}
        </p>
      ) : null}
    </div>
  );
}
