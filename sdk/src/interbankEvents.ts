import { type Address, type Hex } from "viem";

import { type Amount } from "./amounts.js";
import { decodeReference } from "./references.js";

/** Amount arguments of the reserve token's events. */
const reserveAmounts: Readonly<Record<string, readonly string[]>> = {
  Transfer: ["value"],
  Approval: ["value"],
  ReservesIssued: ["amount"],
  ReservesRedeemed: ["amount"],
  ReservesSettled: ["amount"],
};

/**
 * @internal The arguments of a WholesaleReserve's or InterbankPayments' event in the SDK's value types
 * ({@link RailsEventArgTypes}), written into `out`: amounts in their token's units, references and payment ids as text
 * (when they are text). Loaded with the interbank namespaces, on first use.
 */
export async function convertInterbankEventArgs(
  contract: "WholesaleReserve" | "InterbankPayments",
  eventName: string,
  args: Record<string, unknown>,
  out: Record<string, unknown>,
  address: Address,
  format: ((token: Address, units: bigint) => Promise<Amount>) | undefined,
): Promise<void> {
  if (contract === "WholesaleReserve") {
    if (format !== undefined) {
      for (const key of reserveAmounts[eventName] ?? []) out[key] = await format(address, args[key] as bigint);
    }
    for (const key of ["bookingReference", "paymentId"])
      if (typeof args[key] === "string") out[key] = decodeReference(args[key] as Hex);
  } else if (eventName === "InterbankPaid") {
    out.paymentId = decodeReference(args.paymentId as Hex);
    if (format !== undefined) {
      out.payAmount = await format(args.payerToken as Address, args.payAmount as bigint);
      out.receiveAmount = await format(args.payeeToken as Address, args.receiveAmount as bigint);
    }
  } else if (eventName === "BankAccountSet" && format !== undefined) {
    out.outflowCapacity = await format(args.depositToken as Address, args.outflowCapacity as bigint);
    out.inflowCapacity = await format(args.depositToken as Address, args.inflowCapacity as bigint);
  }
}
