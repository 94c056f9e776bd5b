import { network } from "hardhat";

import {
  cancelAuthorizationTypes,
  depositPermitTypes,
  receiveAuthorizationTypes,
  transferAuthorizationTypes,
} from "../../sdk/src/index.js";
import { deployManager, depositRole, grant, wire } from "../helpers/access.js";
import { forEthers } from "../helpers/eip712.js";
import { Kinds } from "../helpers/participants.js";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { TypedDataDomain } from "ethers";

/** One simulated network shared by the deposit tests; `loadFixture` snapshots it. */
export const { ethers, networkHelpers } = await network.create();

/** ParticipantKinds bit flags (contracts/access/ParticipantKinds.sol). */
export const Kind = Kinds;

/** Two decimals, as HKD deposits: 1 HKD = 100 base units. */
export const DECIMALS = 2;
export const HKD = (amount: number | bigint) => BigInt(amount) * 100n;
export const CURRENCY = ethers.hexlify(ethers.toUtf8Bytes("HKD"));
export const NAME = "Bank of Cargo HKD Deposit";
export const SYMBOL = "bcHKD";
export const ISSUER_ID = ethers.encodeBytes32String("LEI:5493001KJTIIGC8Y1R12");
export const ref = (text: string) => ethers.encodeBytes32String(text);
/** The HKD token's roles in the access manager (the SDK's table). */
export const ROLES = {
  ADMIN: depositRole("HKD", "ADMIN"),
  MINTER: depositRole("HKD", "MINTER"),
  BURNER: depositRole("HKD", "BURNER"),
  PAUSER: depositRole("HKD", "PAUSER"),
  FREEZER: depositRole("HKD", "FREEZER"),
  COMPLIANCE: depositRole("HKD", "COMPLIANCE"),
  CAP_MANAGER: depositRole("HKD", "CAP_MANAGER"),
} as const;

export type Config = {
  name: string;
  symbol: string;
  decimals: number;
  currency: string;
  registry: string;
  issuer: string;
  issuerId: string;
  supplyCap: bigint;
  authority: string;
};

/**
 * The bank, its role holders (one signer per role, so every test proves the roles are separate), three verified
 * traders holding HKD (alice 1000, bob 500, carol 0) and mallory, who is not a participant.
 */
export async function deployDeposit() {
  const [
    admin,
    registrar,
    bank,
    minter,
    burner,
    pauser,
    freezer,
    compliance,
    capManager,
    alice,
    bob,
    carol,
    mallory,
    relayer,
  ] = await ethers.getSigners();
  // `admin` is the manager's admin and holds the token's admin role (the bank's admin).
  const manager = await deployManager(ethers, admin);
  const registry = await ethers.deployContract("ParticipantRegistry", [await manager.getAddress()]);
  await wire(manager, admin, "participants", await registry.getAddress());
  await grant(manager, admin, { contract: "participants", name: "REGISTRAR" }, registrar.address);
  const validUntil = (await networkHelpers.time.latest()) + 365 * 24 * 3600;
  const register = (account: string, kinds: number) =>
    registry.connect(registrar).register(account, {
      kinds,
      jurisdiction: "0x484b",
      validUntil,
      kycReference: ethers.id(`kyc:${account}`),
    });

  await register(bank.address, Kind.BANK);
  for (const trader of [alice, bob, carol]) await register(trader.address, Kind.TRADER);

  const config: Config = {
    name: NAME,
    symbol: SYMBOL,
    decimals: DECIMALS,
    currency: CURRENCY,
    registry: await registry.getAddress(),
    issuer: bank.address,
    issuerId: ISSUER_ID,
    supplyCap: 0n,
    authority: await manager.getAddress(),
  };
  const token = await ethers.deployContract("TokenizedDeposit", [config]);
  await wire(manager, admin, { deposit: "HKD" }, await token.getAddress());
  const grants: [bigint, HardhatEthersSigner][] = [
    [ROLES.MINTER, minter],
    [ROLES.BURNER, burner],
    [ROLES.PAUSER, pauser],
    [ROLES.FREEZER, freezer],
    [ROLES.COMPLIANCE, compliance],
    [ROLES.CAP_MANAGER, capManager],
  ];
  for (const [r, holder] of grants) await grant(manager, admin, r, holder.address);

  await token.connect(minter).mint(alice.address, HKD(1000), ref("CBS-SEED-1"));
  await token.connect(minter).mint(bob.address, HKD(500), ref("CBS-SEED-2"));

  const domain: TypedDataDomain = {
    name: NAME,
    version: "1",
    chainId: (await ethers.provider.getNetwork()).chainId,
    verifyingContract: await token.getAddress(),
  };
  return {
    manager,
    registry,
    token,
    config,
    domain,
    register,
    validUntil,
    admin,
    registrar,
    bank,
    minter,
    burner,
    pauser,
    freezer,
    compliance,
    capManager,
    alice,
    bob,
    carol,
    mallory,
    relayer,
  };
}

/** EIP-712 types of the permit and the EIP-3009 authorizations, from the SDK. */
export const PERMIT_TYPES = forEthers(depositPermitTypes);
export const TRANSFER_TYPES = forEthers(transferAuthorizationTypes);
export const RECEIVE_TYPES = forEthers(receiveAuthorizationTypes);
export const CANCEL_TYPES = forEthers(cancelAuthorizationTypes);

export type Authorization = {
  from: string;
  to: string;
  value: bigint;
  validAfter: bigint;
  validBefore: bigint;
  nonce: string;
};

/** A fresh random ERC-3009 nonce. */
export const randomNonce = () => ethers.hexlify(ethers.randomBytes(32));

/** `[v, r, s]` of a 65-byte `r ‖ s ‖ v` signature, for the `(v, r, s)` overloads (kept as signed, even if malleable). */
export function vrs(signature: string): [number, string, string] {
  return [
    Number(ethers.dataSlice(signature, 64, 65)),
    ethers.dataSlice(signature, 0, 32),
    ethers.dataSlice(signature, 32, 64),
  ];
}
