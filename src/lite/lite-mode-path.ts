/** Where the lite-mode switch posts (src/lite/lite-mode.site.ts). */
export const LITE_MODE_PATH = '/lite-mode'
