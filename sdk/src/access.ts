/**
 * The `access` namespace: role administration of the whole rails in one place, the `RailsAccessManager`
 * (OpenZeppelin `AccessManager`). Roles are named by the SDK's table ({@link RailsRole}); an operation whose caller
 * has an execution delay is scheduled, then executed once the delay has passed.
 */
import { type Address, type Hex } from "viem";

import { railsAccessManagerAbi } from "./abi/index.js";
import { assertAddress } from "./guards.js";
import {
  action,
  readContract,
  senderOf,
  writeContract,
  type ContractContext,
  type WriteAction,
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
  grantRole: WriteAction<[params: { role: RailsRole; account: Address; executionDelay?: number }], AccessWriteResult>;
  /** Revokes `role` from `account` (the role's admin only). */
  revokeRole: WriteAction<[params: { role: RailsRole; account: Address }], AccessWriteResult>;
  /** The wallet's account gives up one of its roles. */
  renounceRole: WriteAction<[params: { role: RailsRole }], AccessWriteResult>;
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
  schedule: WriteAction<[params: ManagedCall & { when?: bigint }], AccessWriteResult & { operationId: Hex }>;
  /** Executes a scheduled call once its time has come (or an immediate one through the manager). */
  execute: WriteAction<[params: ManagedCall], AccessWriteResult>;
  /** Cancels a scheduled call of `caller` (the caller itself, a guardian of the role, or the admin). */
  cancel: WriteAction<[params: ManagedCall & { caller: Address }], AccessWriteResult>;
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
    grantRole: action(1, async (call, p: { role: RailsRole; account: Address; executionDelay?: number }) =>
      writeContract(
        ctx,
        op("grantRole"),
        "grantRole",
        [roleId(p.role), assertAddress(p.account, "account"), p.executionDelay ?? 0],
        call,
      ),
    ),
    revokeRole: action(1, async (call, p: { role: RailsRole; account: Address }) =>
      writeContract(ctx, op("revokeRole"), "revokeRole", [roleId(p.role), assertAddress(p.account, "account")], call),
    ),
    renounceRole: action(1, async (call, p: { role: RailsRole }) => {
      const account = senderOf(ctx, op("renounceRole"), call);
      return writeContract(ctx, op("renounceRole"), "renounceRole", [roleId(p.role), account], call);
    }),
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
    schedule: action(1, async (run, p: ManagedCall & { when?: bigint }) => {
      const account = senderOf(ctx, op("schedule"), run);
      const [target, data] = call(p);
      const operationId = await readContract(ctx, "hashOperation", [account, target, data]);
      const result = await writeContract(ctx, op("schedule"), "schedule", [target, data, Number(p.when ?? 0n)], run);
      return { ...result, operationId };
    }),
    execute: action(1, async (run, p: ManagedCall) => writeContract(ctx, op("execute"), "execute", call(p), run)),
    cancel: action(1, async (run, p: ManagedCall & { caller: Address }) =>
      writeContract(ctx, op("cancel"), "cancel", [assertAddress(p.caller, "caller"), ...call(p)], run),
    ),
    async scheduledAt(operationId) {
      const at = await readContract(ctx, "getSchedule", [operationId]);
      return at === 0 ? null : BigInt(at);
    },
    operationId: (p) => readContract(ctx, "hashOperation", [assertAddress(p.caller, "caller"), ...call(p)]),
  };
}
