// A cross-border HKD payment under the token's transfer policy: the bank's compliance officers set the limits, the
// permitted jurisdiction pairs and the sanctions list; the importer asks whether its payment would pass before
// signing, and pays with a reference to the remittance advice its bank sent the exporter's bank (ISO 20022 RmtInf);
// the exporter's bank checks the reference against the remittance it received (see sdk/docs/compliance.md).
import type { Address, Hex } from "viem";

import { type CargoRails } from "@cargo-rails/sdk";
import {
  compliance,
  DailyLimitExceededError,
  paymentReference,
  policyRefusalOf,
  verifyPaymentReference,
} from "@cargo-rails/sdk/compliance";

/** The issuing bank's policy admin (POLICY ADMIN of the token) sets the rules of its HKD deposit. */
export async function setRules(policyAdmin: CargoRails, importer: Address): Promise<void> {
  const policy = await compliance(policyAdmin).policy("HKD");
  await (await policy.setDefaultLimits({ perTransfer: "unlimited", daily: "1000000.00" })).wait();
  await (await policy.setAccountLimits({ account: importer, perTransfer: "100000.00", daily: "250000.00" })).wait();
  for (const [from, to] of [
    ["HK", "HK"],
    ["HK", "CN"],
    ["CN", "HK"],
  ] as const) {
    await (await policy.setJurisdictionPair({ from, to, permitted: true })).wait();
  }
  await (await policy.setJurisdictionPairsEnforced({ enforced: true })).wait();
}

/** The remittance information the importer's bank put in its pacs.008 to the exporter's bank. */
export const remittance = `<RmtInf>
  <Strd>
    <RfrdDocInf><Tp><CdOrPrtry><Cd>CINV</Cd></CdOrPrtry></Tp><Nb>INV-2026-0042</Nb></RfrdDocInf>
    <RfrdDocAmt><DuePyblAmt Ccy="HKD">1250.50</DuePyblAmt></RfrdDocAmt>
  </Strd>
</RmtInf>`;

/**
 * The importer pays the invoice if the token and its policy would let the payment through; otherwise says which rule
 * refuses and what to do. Returns the transaction hash, or undefined when refused.
 */
export async function payInvoice(importer: CargoRails, exporter: Address): Promise<Hex | undefined> {
  const hkd = importer.deposits.HKD!;
  const from = importer.config.walletClient!.account!.address;
  const refusal = await compliance(importer).explainTransfer("HKD", { from, to: exporter, amount: "1250.50" });
  if (refusal !== undefined) {
    console.log(refusal.shortMessage, refusal.hint);
    return undefined;
  }
  try {
    const { hash } = await hkd.transfer({
      to: exporter,
      amount: "1250.50",
      paymentReference: paymentReference({ iso20022: remittance }),
    });
    return hash;
  } catch (error) {
    // The state may have changed since the check (another payment used the daily limit).
    const rule = policyRefusalOf(error, await hkd.decimals());
    if (rule instanceof DailyLimitExceededError) console.log(`${rule.spentToday} of ${rule.limit} sent today`);
    throw error;
  }
}

/** The exporter's bank: is the reference of the payment the one of the remittance it received? */
export function reconcile(received: string, reference: Hex): boolean {
  return verifyPaymentReference({ iso20022: received }, reference);
}
