import { zeroAddress, type Abi, type Address } from "viem";

import { billOfLadingRegistryAbi } from "./abi/index.js";
import { roleId, type RoleName } from "./contractErrors.js";
import { assertAddress } from "./guards.js";
import { readContract, walletAccount, writeContract, type ContractContext } from "./internal/contract.js";

/**
 * Role administration, shared by the participant registry, the eBL registry, the deposit tokens and the settlement
 * contract (OpenZeppelin `AccessControlDefaultAdminRules`): operational roles are granted and revoked by the default
 * admin, and the default admin itself is handed over in two steps (begin, then accept after the contract's delay).
 */
export interface RoleAdministration<TResult> {
  /** Whether `account` holds `role`. */
  hasRole(role: RoleName, account: Address): Promise<boolean>;
  /** Grants a role (the role's admin only). */
  grantRole(params: { role: RoleName; account: Address }): Promise<TResult>;
  /** Revokes a role (the role's admin only). */
  revokeRole(params: { role: RoleName; account: Address }): Promise<TResult>;
  /** The wallet's account gives up one of its roles. */
  renounceRole(params: { role: RoleName }): Promise<TResult>;
  /** The current default admin. */
  defaultAdmin(): Promise<Address>;
  /** The pending default admin (`null` if none) and when it may accept (Unix seconds). */
  pendingDefaultAdmin(): Promise<{ newAdmin: Address | null; schedule: bigint }>;
  /** Starts handing the default admin role to `newAdmin` (e.g. a bank's multisig). Default admin only. */
  beginDefaultAdminTransfer(params: { newAdmin: Address }): Promise<TResult>;
  /** The pending admin accepts, once the delay has passed. */
  acceptDefaultAdminTransfer(): Promise<TResult>;
  /** Cancels a pending handover. Default admin only. */
  cancelDefaultAdminTransfer(): Promise<TResult>;
}

/** @internal The role administration of a contract; `prefix` names its namespace in error messages. */
export function createRoleAdministration<TAbi extends Abi, TResult>(
  context: ContractContext<TAbi>,
  prefix: string,
): RoleAdministration<TResult> {
  // The AccessControl functions have the same signatures in every ABI; the calls are typed against one of them and
  // run with the contract's own ABI (`context.abi`), so the receipts decode that contract's events.
  const ctx = context as unknown as ContractContext<typeof billOfLadingRegistryAbi>;
  const op = (name: string) => `${prefix}.${name}`;
  const result = (value: unknown) => value as TResult;
  return {
    hasRole: async (role, account) => readContract(ctx, "hasRole", [roleId(role), assertAddress(account, "account")]),
    grantRole: async (p) =>
      result(
        await writeContract(ctx, op("grantRole"), "grantRole", [roleId(p.role), assertAddress(p.account, "account")]),
      ),
    revokeRole: async (p) =>
      result(
        await writeContract(ctx, op("revokeRole"), "revokeRole", [roleId(p.role), assertAddress(p.account, "account")]),
      ),
    async renounceRole(p) {
      const { account } = walletAccount(ctx, op("renounceRole"));
      return result(await writeContract(ctx, op("renounceRole"), "renounceRole", [roleId(p.role), account.address]));
    },
    defaultAdmin: async () => readContract(ctx, "defaultAdmin", []),
    async pendingDefaultAdmin() {
      const [newAdmin, schedule] = await readContract(ctx, "pendingDefaultAdmin", []);
      return { newAdmin: newAdmin === zeroAddress ? null : newAdmin, schedule: BigInt(schedule) };
    },
    beginDefaultAdminTransfer: async (p) =>
      result(
        await writeContract(ctx, op("beginDefaultAdminTransfer"), "beginDefaultAdminTransfer", [
          assertAddress(p?.newAdmin, "newAdmin"),
        ]),
      ),
    acceptDefaultAdminTransfer: async () =>
      result(await writeContract(ctx, op("acceptDefaultAdminTransfer"), "acceptDefaultAdminTransfer", [])),
    cancelDefaultAdminTransfer: async () =>
      result(await writeContract(ctx, op("cancelDefaultAdminTransfer"), "cancelDefaultAdminTransfer", [])),
  };
}
