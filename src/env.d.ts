/// <reference types="svelte" />
/// <reference types="vite/client" />
declare const __READ_ONLY__: boolean;
