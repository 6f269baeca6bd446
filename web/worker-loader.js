// Starts the evaluation worker (a module worker). It runs the page's own
// wasm: the worker's name is the URL of the page's wasm-bindgen glue, and the
// first message is the page's compiled WebAssembly.Module, so the wasm is
// neither fetched nor compiled again. Its main() sees no window and starts
// the worker side.
const module = new Promise((resolve) => {
  self.onmessage = (event) => resolve(event.data);
});
const { default: init } = await import(self.name);
const compiled = await module;
self.onmessage = null;
await init({ module_or_path: compiled });
