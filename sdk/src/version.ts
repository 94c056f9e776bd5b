/** The SDK's version, kept equal to the package version (a test checks it). */
export const SDK_VERSION = "0.1.0";
