// Preloaded into both servers with --expose-gc (`node --expose-gc --import <this> …`): SIGUSR2
// runs a full garbage collection, so that RSS per idle connection is read after one, as the
// baseline did (the product has no such endpoint, and needs none).
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) process.on('SIGUSR2', () => gc());
