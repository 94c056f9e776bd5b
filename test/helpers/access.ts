/**
 * The rails' access manager in the TypeScript tests: deploy it, assign a contract's functions to their roles from the
 * SDK's table (as the Ignition module does), grant roles. The deployer of the manager is its admin.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Interface } from "ethers";

import {
  functionRoles,
  roleId,
  type CrossChainTarget,
  type DepositRoleName,
  type PlatformContract,
  type RailsRole,
} from "../../sdk/src/index.js";
import type { RailsAccessManager } from "../../types/ethers-contracts/index.js";

type Ethers = { deployContract(name: string, args: unknown[], signer?: HardhatEthersSigner): Promise<unknown> };

/** The manager as the tests call it. */
export type Manager = RailsAccessManager;

/** Deploys a RailsAccessManager with `admin` as its admin. */
export async function deployManager(ethers: Ethers, admin: HardhatEthersSigner) {
  return (await ethers.deployContract("RailsAccessManager", [admin.address], admin)) as Manager;
}

/**
 * Assigns the functions of `target` to their roles (the SDK's table); for a deposit token, its roles are then
 * administered by the token's admin role, which `bankAdmin` gets (default: the manager's admin, the caller).
 */
export async function wire(
  manager: Manager,
  admin: HardhatEthersSigner,
  contract: PlatformContract | CrossChainTarget | { deposit: string },
  target: string,
  bankAdmin: string = admin.address,
) {
  for (const line of functionRoles(contract)) {
    await (await manager.connect(admin).setTargetFunctionRole(target, line.selectors, line.roleId)).wait();
  }
  if (typeof contract === "object") {
    const bank = depositRole(contract.deposit, "ADMIN");
    await (await manager.connect(admin).grantRole(bank, bankAdmin, 0)).wait();
    for (const line of functionRoles(contract)) {
      await (await manager.connect(admin).setRoleAdmin(line.roleId, bank)).wait();
    }
  }
}

/** Grants `role` to `account` with an execution delay (default none); `by` must administer the role. */
export async function grant(
  manager: Manager,
  by: HardhatEthersSigner,
  role: RailsRole | bigint,
  account: string,
  delay = 0,
) {
  const id = typeof role === "bigint" ? role : roleId(role);
  await (await manager.connect(by).grantRole(id, account, delay)).wait();
}

/** The id of a deposit token's role. */
export const depositRole = (currency: string, name: DepositRoleName) => roleId({ contract: "deposit", currency, name });

/**
 * The settlement roles over the three settlement contracts (SignedSettlement, EscrowedDeals, DepositRail): ADMIN
 * opens markets and recovers stray assets, PAUSER pauses. A contract gets the functions of the list it has (the rail
 * has only `recoverStrayToken`).
 */
const SETTLEMENT_FUNCTIONS = {
  ADMIN: ["setMarket", "recoverStrayToken", "recoverStrayEbl"],
  PAUSER: ["pause", "unpause"],
} as const;

/** Assigns the settlement functions `target` has to the settlement roles (see `SETTLEMENT_FUNCTIONS`). */
export async function wireSettlement(
  manager: Manager,
  admin: HardhatEthersSigner,
  target: { getAddress(): Promise<string>; interface: Interface },
) {
  for (const [name, functions] of Object.entries(SETTLEMENT_FUNCTIONS)) {
    const selectors = functions
      .map((fn) => target.interface.getFunction(fn)?.selector)
      .filter((selector): selector is string => selector !== undefined);
    if (selectors.length === 0) continue;
    const id = roleId({ contract: "settlement", name: name as keyof typeof SETTLEMENT_FUNCTIONS });
    await (await manager.connect(admin).setTargetFunctionRole(await target.getAddress(), selectors, id)).wait();
  }
}
