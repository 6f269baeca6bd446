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

// The nixpkgs files that only real configurations need (the index of
// NixOS's options, more modules and packages) are not in the first
// download: the worker asks for them when the page has its first answer
// (`PageMessage::LoadExtras`), and gets them as a message of the page's
// kind (`PageMessage::Extras`).
// Until then it still answers (unknown options are accepted unchecked,
// with a warning).
self.nixpenLoadExtras = async () => {
  // Leave the page a moment to paint that answer first.
  await new Promise((resolve) => setTimeout(resolve, 200));
  try {
    const list = await fetch('nixpkgs-extra/files.txt');
    if (!list.ok) return;
    const names = (await list.text()).split('\n').filter((name) => name !== '');
    const files = await Promise.all(names.map(async (name) => {
      const response = await fetch(`nixpkgs-extra/${name}`);
      if (!response.ok) throw new Error(`${name}: ${response.status}`);
      return { name, text: await response.text() };
    }));
    self.dispatchEvent(new MessageEvent('message', { data: { Extras: files } }));
  } catch (error) {
    console.warn('Nixpen: the files for real configurations could not be loaded', error);
  }
};
