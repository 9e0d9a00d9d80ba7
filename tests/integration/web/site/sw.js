// A service worker that does nothing but exist: the wipe must not let it survive.
self.addEventListener("fetch", () => {});
