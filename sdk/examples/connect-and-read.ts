// Connect to a deployment and read: who a participant is, what an eBL says, what a deposit account holds.
// Run against a node that holds the deployment (`npx hardhat node`, then `npm run deploy -- --network localhost`):
//   npx tsx sdk/examples/connect-and-read.ts
import { createPublicClient, http, type Address } from "viem";

import { connectCargoRails, eblTokenId } from "@cargo-rails/sdk";
import { addressesFromIgnition } from "@cargo-rails/sdk/node";

const RPC_URL = "http://127.0.0.1:8545";
const DEPLOYMENT = "ignition/deployments/cargo-rails-31337"; // what `npm run deploy` writes
// The node's second account, the registrar of a local deployment; put any participant's address here.
const ACCOUNT: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

// connectCargoRails checks that the node is on the deployment's chain and that every address holds code: a wrong
// address or chain fails here, with ContractNotDeployedError or ChainMismatchError, not at the first call.
const rails = await connectCargoRails({
  publicClient: createPublicClient({ transport: http(RPC_URL) }),
  addresses: await addressesFromIgnition(DEPLOYMENT),
});

// A participant: kinds by name, jurisdiction as "HK", validity as a Date.
const participant = await rails.participants.get(ACCOUNT); // all empty when never registered
console.log(participant.kinds, participant.jurisdiction, participant.validUntilDate.toISOString());
console.log("verified now:", await rails.participants.isVerified(ACCOUNT));

// Deposit balances: decimal strings in the token's units ("1250.50" is HKD 1,250.50).
for (const label of Object.keys(rails.deposits)) {
  const deposit = rails.deposit(label);
  const { symbol } = await deposit.metadata();
  console.log(`${symbol}: ${await deposit.balanceOf(ACCOUNT)}`);
}

// An eBL, by the carrier and the transport document reference that derive its token id.
const tokenId = eblTokenId(ACCOUNT, "HHL71800000");
const bill = await rails.ebl.bill(tokenId);
console.log(bill.issuer === null ? "no such eBL" : `${bill.status}, title with ${bill.titleHolder ?? "bearer"}`);
