/**
 * One simulated network shared by the eBL registry's tests (`loadFixture` snapshots it), the deployed cast of
 * test/ebl/helpers.ts, and what several capabilities' tests need: an ERC-4494 permit signed as the SDK signs it, and
 * a record of a bill's state to prove that a refused call changed nothing.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { EBL_REGISTRY_DOMAIN_NAME, eblPermitTypes } from "../../sdk/src/index.js";
import { forEthers } from "../helpers/eip712.js";
import { deployEbl } from "./helpers.js";

export { BillKind, HOLD_REASON, Kinds, Status } from "./helpers.js";

export const { ethers, networkHelpers } = await network.create();
export const { loadFixture } = networkHelpers;

/** The participant registry, the eBL registry and the cast, everyone but `outsider` verified. */
export async function fixture() {
  return deployEbl({ ethers, networkHelpers } as Parameters<typeof deployEbl>[0]);
}

export type Fixture = Awaited<ReturnType<typeof fixture>>;
export type Signer = Fixture["shipper"];

/** The registry's EIP-712 domain, named as the SDK names it. */
export async function eblDomain(ebl: Fixture["ebl"]) {
  const { chainId } = await ethers.provider.getNetwork();
  return { name: EBL_REGISTRY_DOMAIN_NAME, version: "1", chainId, verifyingContract: await ebl.getAddress() };
}

/** Signs an ERC-4494 permit for `tokenId` with `signer`, with the SDK's types and domain name. */
export async function signPermit(
  ebl: Fixture["ebl"],
  signer: Signer,
  spender: string,
  tokenId: bigint,
  deadline: bigint,
  nonce?: bigint,
) {
  return signer.signTypedData(await eblDomain(ebl), forEthers(eblPermitTypes), {
    spender,
    tokenId,
    nonce: nonce ?? (await ebl.nonces(tokenId)),
    deadline,
  });
}

/** Everything the registry records about `tokenId`: the bill (holder, title holder, status, hold, ...) and the nonce. */
export async function billState(ebl: Fixture["ebl"], tokenId: bigint) {
  const b = await ebl.billOf(tokenId);
  const bill = {
    issuer: b.issuer,
    kind: b.kind,
    status: b.status,
    onLegalHold: b.onLegalHold,
    custodyForTitle: b.custodyForTitle,
    version: b.version,
    holder: b.holder,
    titleHolder: b.titleHolder,
    shipper: b.shipper,
    documentHash: b.documentHash,
  };
  return { bill, nonce: await ebl.nonces(tokenId) };
}

/** Asserts that `tokenId`'s record is as `before`: a refused call changed nothing. */
export async function expectUnchanged(
  ebl: Fixture["ebl"],
  tokenId: bigint,
  before: Awaited<ReturnType<typeof billState>>,
) {
  expect(await billState(ebl, tokenId)).to.deep.equal(before);
}

/** A to-order eBL with the shipper (holder and title holder), and its record. */
export async function issued() {
  const f = await fixture();
  const id = await f.issueToOrder();
  return { ...f, id, before: await billState(f.ebl, id) };
}
