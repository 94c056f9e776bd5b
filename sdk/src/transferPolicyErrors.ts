import type { transferPolicyAbi } from "./abi/TransferPolicy.js";
import type { ErrorTable } from "./contractErrors.js";
import { railsErrors, accessManagedErrors } from "./contractErrors.js";

const code = (jurisdiction: string) =>
  /^0x[0-9a-f]{4}$/i.test(jurisdiction)
    ? String.fromCharCode(parseInt(jurisdiction.slice(2, 4), 16), parseInt(jurisdiction.slice(4, 6), 16))
    : jurisdiction;

/**
 * The explanations of a deposit token's transfer policy errors (contracts/deposits/policy/TransferPolicy.sol), each
 * naming the rule that refused. Kept out of the core bundle: the compliance entry point loads it. A transfer refused
 * by the policy reverts with these errors through the token.
 */
export const transferPolicyErrors: ErrorTable<typeof transferPolicyAbi> = {
  ...railsErrors,
  ...accessManagedErrors,
  PolicySanctioned: {
    message: ([account]) => `Refused by the sanctions rule: ${account} is on the token's sanctions list.`,
    hint: "No payment to or from a sanctioned account; the bank's compliance officer keeps the list.",
  },
  PolicyJurisdictionPairNotPermitted: {
    message: ([from, to, fromJurisdiction, toJurisdiction]) =>
      `Refused by the jurisdiction rule: payments from ${code(fromJurisdiction)} (${from}) to ${code(toJurisdiction)} (${to}) are not permitted for this deposit.`,
    hint: "Pay an account in a permitted jurisdiction, or ask the bank's policy admin whether the pair can be permitted.",
  },
  PolicyTransferLimitExceeded: {
    message: ([account, limit, amount]) =>
      `Refused by the per-transfer limit: ${account} may send at most ${limit} base units at a time, not ${amount}.`,
    hint: "Send at most the limit per transfer (see limitsOf), or ask the bank for a higher limit.",
  },
  PolicyDailyLimitExceeded: {
    message: ([account, limit, spent, amount]) =>
      `Refused by the daily limit: ${account} already sent ${spent} of its ${limit} base units today (UTC); ${amount} more would pass it.`,
    hint: "Send the rest after 00:00 UTC, or at most the limit minus spentToday(account).",
  },
  PolicyInvalidLimit: {
    message: ([limit]) => `A limit of ${limit} is not allowed.`,
    hint: "Pass a positive limit, or 2^256 - 1 for none; to stop an account sending, freeze it on the token or sanction it.",
  },
  PolicyInvalidJurisdiction: {
    message: ([jurisdiction]) => `${code(jurisdiction)} is not an assigned ISO 3166-1 alpha-2 code.`,
    hint: 'Use two upper-case letters of an assigned country code, e.g. "HK" or "CN" (not "EU" or "UK": the code is "GB").',
  },
  PolicyUnauthorizedToken: {
    message: ([caller]) => `Only the policy's token may record a transfer; ${caller} is not it.`,
    hint: "Call checkTransfer or canTransfer to test a transfer; the token calls enforceTransfer itself.",
  },
};
