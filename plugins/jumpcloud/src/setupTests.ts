import '@testing-library/jest-dom';

// jsdom has no layout engine and no ResizeObserver; recharts'
// ResponsiveContainer needs the constructor (it renders at 0×0 in tests).
if (!('ResizeObserver' in globalThis)) {
  (globalThis as any).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
