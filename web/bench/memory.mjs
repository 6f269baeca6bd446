// Memory readings of the browser benchmark: the page's JS heap and DOM size
// (CDP Performance.getMetrics, after a forced garbage collection), and the
// linear memory of the page's wasm and of the evaluation worker's wasm (read
// from wasm-bindgen's init function, which returns the instance's exports
// once loaded). Wasm memory never shrinks, so its size is the peak so far.

/** Opens a CDP session on `page` for the readings. */
export async function memoryProbe(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return {
    /** One reading: { jsHeap, nodes, listeners, pageWasm, workerWasm } in bytes / counts. */
    async read() {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
      return {
        jsHeap: metric('JSHeapUsedSize'),
        nodes: metric('Nodes'),
        listeners: metric('JSEventListeners'),
        pageWasm: await pageWasmBytes(page),
        workerWasm: await workerWasmBytes(page),
      };
    },
  };
}

async function pageWasmBytes(page) {
  return page.evaluate(async () => {
    const tag = document.querySelector('script[data-js][data-wasm]');
    const module = await import(tag.dataset.js);
    return (await module.default()).memory.buffer.byteLength;
  });
}

async function workerWasmBytes(page) {
  const worker = page.workers().find((w) => w.url().endsWith('worker-loader.js'));
  if (!worker) return NaN;
  // The worker runs the page's glue (its name is the glue's URL); its init,
  // called again once loaded, returns the exports, memory included.
  return worker.evaluate(async () => (await (await import(self.name)).default()).memory.buffer.byteLength);
}
