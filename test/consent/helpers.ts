import { expect } from "chai";

import { snapshot, type ConsentFixture } from "./fixture.js";

/**
 * Runs `refusal` (which asserts the revert) and then proves it changed nothing: every owner's nonce, the grants in
 * `watch.grants` (and each owner's next grant id) and whether the digests in `watch.requests` are recorded.
 */
export async function refusedUnchanged(
  f: ConsentFixture,
  refusal: () => Promise<unknown>,
  watch: { grants?: string[]; requests?: string[] } = {},
) {
  const before = await snapshot(f, watch.grants, watch.requests);
  await refusal();
  expect(await snapshot(f, watch.grants, watch.requests)).to.deep.equal(before);
}
