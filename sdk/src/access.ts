/**
 * The `access` namespace: role administration of the whole rails in one place, the `RailsAccessManager`
 * (OpenZeppelin `AccessManager`). Roles are named by the SDK's table ({@link RailsRole}); an operation whose caller
 * has an execution delay is scheduled, then executed once the delay has passed.
 */
import { type Address, type Hex } from "viem";

import { railsAccessManagerAbi } from "./abi/index.js";
import { assertAddress } from "./guards.js";
import {
  readContract,
  walletAccount,
  writeContract,
  type ContractContext,
  type WriteResult,
} from "./internal/contract.js";
import { roleId, type RailsRole } from "./roles.js";

/** What a write of the `access` namespace returns. */
export type AccessWriteResult = WriteResult<typeof railsAccessManagerAbi>;

/** A call through the manager: the contract and the ABI-encoded call (e.g. viem's `encodeFunctionData`). */
export interface ManagedCall {
  target: Address;
  data: Hex;
}

/** The `access` namespace (`rails.access`): the rails' roles, their members and delayed operations in the access manager. */
export interface AccessNamespace {
  /** The manager's address. */
  readonly address: Address;
  /** Whether `account` holds `role` now, and the delay its calls under the role wait (seconds). */
  hasRole(role: RailsRole, account: Address): Promise<{ isMember: boolean; executionDelay: number }>;
  /**
   * Grants `role` to `account`; its calls under the role then wait `executionDelay` seconds (scheduled first).
   * The role's admin only; takes effect after the role's grant delay.
   */
  grantRole(params: { role: RailsRole; account: Address; executionDelay?: number }): Promise<AccessWriteResult>;
  /** Revokes `role` from `account` (the role's admin only). */
  revokeRole(params: { role: RailsRole; account: Address }): Promise<AccessWriteResult>;
  /** The wallet's account gives up one of its roles. */
  renounceRole(params: { role: RailsRole }): Promise<AccessWriteResult>;
  /** The role id that administers `role` (grants and revokes it). */
  roleAdmin(role: RailsRole): Promise<bigint>;
  /** The role id allowed to call `selector` on `target` (the function-role table as set in the manager). */
  functionRole(target: Address, selector: Hex): Promise<bigint>;
  /** Whether `caller` may call `selector` on `target` now (`immediate`), or after scheduling with `delay` seconds. */
  canCall(params: { caller: Address; target: Address; selector: Hex }): Promise<{ immediate: boolean; delay: number }>;
  /**
   * Schedules a delayed call (the caller's execution delay, or more with `when`, Unix seconds). Returns the
   * operation id to execute or cancel it with.
   */
  schedule(params: ManagedCall & { when?: bigint }): Promise<AccessWriteResult & { operationId: Hex }>;
  /** Executes a scheduled call once its time has come (or an immediate one through the manager). */
  execute(params: ManagedCall): Promise<AccessWriteResult>;
  /** Cancels a scheduled call of `caller` (the caller itself, a guardian of the role, or the admin). */
  cancel(params: ManagedCall & { caller: Address }): Promise<AccessWriteResult>;
  /** When a scheduled operation may run (Unix seconds), or `null` if none is scheduled (or it expired). */
  scheduledAt(operationId: Hex): Promise<bigint | null>;
  /** The id of the operation `caller` would schedule for `data` on `target`. */
  operationId(params: ManagedCall & { caller: Address }): Promise<Hex>;
}

/** @internal The `access` namespace over a `RailsAccessManager`. */
export function createAccess(ctx: ContractContext<typeof railsAccessManagerAbi>): AccessNamespace {
  const op = (name: string) => `access.${name}`;
  const call = (p: ManagedCall) => [assertAddress(p?.target, "target"), p.data] as const;
  return {
    address: ctx.address,
    async hasRole(role, account) {
      const [isMember, executionDelay] = await readContract(ctx, "hasRole", [
        roleId(role),
        assertAddress(account, "account"),
      ]);
      return { isMember, executionDelay };
    },
    grantRole: (p) =>
      writeContract(ctx, op("grantRole"), "grantRole", [
        roleId(p.role),
        assertAddress(p.account, "account"),
        p.executionDelay ?? 0,
      ]),
    revokeRole: (p) =>
      writeContract(ctx, op("revokeRole"), "revokeRole", [roleId(p.role), assertAddress(p.account, "account")]),
    renounceRole(p) {
      const { account } = walletAccount(ctx, op("renounceRole"));
      return writeContract(ctx, op("renounceRole"), "renounceRole", [roleId(p.role), account.address]);
    },
    roleAdmin: (role) => readContract(ctx, "getRoleAdmin", [roleId(role)]),
    functionRole: (target, selector) =>
      readContract(ctx, "getTargetFunctionRole", [assertAddress(target, "target"), selector]),
    async canCall(p) {
      const [immediate, delay] = await readContract(ctx, "canCall", [
        assertAddress(p.caller, "caller"),
        assertAddress(p.target, "target"),
        p.selector,
      ]);
      return { immediate, delay };
    },
    async schedule(p) {
      const { account } = walletAccount(ctx, op("schedule"));
      const [target, data] = call(p);
      const operationId = await readContract(ctx, "hashOperation", [account.address, target, data]);
      const result = await writeContract(ctx, op("schedule"), "schedule", [target, data, Number(p.when ?? 0n)]);
      return { ...result, operationId };
    },
    execute: (p) => writeContract(ctx, op("execute"), "execute", call(p)),
    cancel: (p) => writeContract(ctx, op("cancel"), "cancel", [assertAddress(p.caller, "caller"), ...call(p)]),
    async scheduledAt(operationId) {
      const at = await readContract(ctx, "getSchedule", [operationId]);
      return at === 0 ? null : BigInt(at);
    },
    operationId: (p) => readContract(ctx, "hashOperation", [assertAddress(p.caller, "caller"), ...call(p)]),
  };
}
