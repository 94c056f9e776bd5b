/**
 * @packageDocumentation
 * `@cargo-rails/sdk/compliance`: the transfer policy of the deposit tokens (per-account limits, permitted
 * jurisdiction pairs, sanctions), which rule would refuse a payment and why, and payment references computed from an
 * ISO 20022 remittance or an IVMS101 travel-rule payload. In an entry of its own, so that `createCargoRails`'s bundle
 * does not carry it; the checks every wallet needs (`canTransfer`, `canSend`, `canReceive`) are on the deposit client.
 *
 * @example
 * ```ts
 * import { createCargoRails } from "@cargo-rails/sdk";
 * import { compliance, paymentReference } from "@cargo-rails/sdk/compliance";
 *
 * const rails = createCargoRails({ publicClient, walletClient, addresses });
 * const refusal = await compliance(rails).explainTransfer("HKD", { from, to, amount: "250000.00" });
 * if (refusal === undefined) {
 *   await rails.deposits.HKD.transfer({ to, amount: "250000.00", paymentReference: paymentReference({ iso20022: rmtInf }) });
 * }
 * ```
 */
import { type Address } from "viem";

import { type Amount } from "../amounts.js";
import { type CargoRails } from "../client.js";
import { type CargoRailsError } from "../errors.js";
import { assertAddress } from "../guards.js";
import { toCargoRailsError } from "../internal/contract.js";
import { tokenizedDepositAbi } from "../abi/index.js";
import { addComplianceErrors, policyRefusalOf, TransferPolicyNotSetError } from "./errors.js";
import { createPolicy, type PolicyClient } from "./policy.js";

/** The compliance namespace bound to a client: {@link compliance}'s result. */
export interface Compliance {
  /**
   * The transfer policy set on the deposit token `label` (`"HKD"`, or the token's address), read from the token.
   * @throws {TransferPolicyNotSetError} When the token has none.
   */
  policy(label: string): Promise<PolicyClient>;
  /** The transfer policy at `address`, for the deposit token `label` (e.g. one deployed and not set yet). */
  policyAt(address: Address, label: string): PolicyClient;
  /**
   * Why a payment of `amount` from `from` to `to` would be refused now, by any rule of the token (pause,
   * verification, freezes, balance) or of its transfer policy: the typed error it would raise, not thrown (a policy
   * rule's as its {@link PolicyRefusalError} subclass, the token's as a `ContractRevertError`), or `undefined` when
   * it would pass. Simulates `transfer` as `from` (no signature needed): ask before signing.
   */
  explainTransfer(
    label: string,
    params: { from: Address; to: Address; amount: Amount },
  ): Promise<CargoRailsError | undefined>;
}

/**
 * Binds the compliance namespace to a client. The policy contract's custom errors decode as typed
 * `ContractRevertError`s from then on, in this client and any other.
 *
 * @example
 * ```ts
 * const hkd = await compliance(rails).policy("HKD");
 * await hkd.setAccountLimits({ account: importer, perTransfer: "100000.00", daily: "250000.00" });
 * const refusal = await hkd.check(importer, exporter, "120000.00"); // TransferLimitExceededError
 * ```
 */
export function compliance(rails: CargoRails): Compliance {
  addComplianceErrors();
  const policies = new Map<string, PolicyClient>();
  const bound: Compliance = {
    async policy(label) {
      const deposit = rails.deposit(label);
      const address = await deposit.transferPolicy();
      if (address === undefined) throw new TransferPolicyNotSetError(label, deposit.address);
      return bound.policyAt(address, label);
    },
    policyAt(address, label) {
      const deposit = rails.deposit(label);
      const key = `${assertAddress(address, "policy").toLowerCase()}/${deposit.address.toLowerCase()}`;
      let policy = policies.get(key);
      if (policy === undefined) policies.set(key, (policy = createPolicy(rails, address, deposit, label)));
      return policy;
    },
    async explainTransfer(label, params) {
      const deposit = rails.deposit(label);
      const from = assertAddress(params?.from, "from");
      const args = [assertAddress(params.to, "to"), await deposit.parse(params.amount)] as const;
      try {
        await rails.config.publicClient.simulateContract({
          address: deposit.address,
          abi: tokenizedDepositAbi,
          functionName: "transfer",
          args,
          account: from,
        });
        return undefined;
      } catch (error) {
        const decoded = toCargoRailsError(error, {
          abi: tokenizedDepositAbi,
          operation: `compliance.explainTransfer(${label})`,
          address: deposit.address,
        });
        return policyRefusalOf(decoded, await deposit.decimals()) ?? decoded;
      }
    },
  };
  return bound;
}

export { transferPolicyAbi } from "../abi/index.js";
export { transferPolicyErrors } from "../transferPolicyErrors.js";
export {
  DailyLimitExceededError,
  JurisdictionPairNotPermittedError,
  PolicyRefusalError,
  SanctionedAccountError,
  TransferLimitExceededError,
  TransferPolicyNotSetError,
  policyRefusalOf,
  type PolicyRule,
  type TransferPolicyRevertError,
} from "./errors.js";
export {
  type PolicyClient,
  type PolicyEvent,
  type PolicyLimit,
  type PolicyLimits,
  type PolicyWriteResult,
} from "./policy.js";
export {
  PAYMENT_REFERENCE_SCHEMES,
  PaymentReferencePayloadError,
  paymentReference,
  paymentReferencePreimage,
  verifyPaymentReference,
  type Iso20022Element,
  type Iso20022Remittance,
  type Iso20022Value,
  type Ivms101Payload,
  type PaymentReferenceErrorReason,
  type PaymentReferencePayload,
  type PaymentReferenceScheme,
} from "../paymentReferences.js";
