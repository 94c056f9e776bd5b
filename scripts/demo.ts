/**
 * The main job, end to end on Hardhat's in-process network (or any network given with --network):
 * deploy the suite with Ignition and register the parties of a Shanghai–Hong Kong trade.
 */
import { network } from "hardhat";

import ParticipantRegistryModule from "../ignition/modules/ParticipantRegistry.js";

const KIND = { CARRIER: 1n, BANK: 2n, TRADER: 4n } as const;
const ONE_YEAR = 365n * 24n * 60n * 60n;

const { ethers, ignition } = await network.create();
const [operator, carrier, exporter, importer, hkBank] = await ethers.getSigners();

function step(text: string) {
  console.log(`\n▸ ${text}`);
}

step("The platform operator deploys the participant register with Hardhat Ignition");
const { participantRegistry } = await ignition.deploy(ParticipantRegistryModule);
const registry = await ethers.getContractAt("ParticipantRegistry", await participantRegistry.getAddress());
console.log(`  ParticipantRegistry at ${await registry.getAddress()}`);

const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
const parties = [
  { name: "Orient Star Lines (carrier)", signer: carrier, kinds: KIND.CARRIER, country: "HK" },
  { name: "Shanghai Silk Export Co. (exporter)", signer: exporter, kinds: KIND.TRADER, country: "CN" },
  { name: "Kowloon Trading Ltd. (importer)", signer: importer, kinds: KIND.TRADER, country: "HK" },
  { name: "Harbour Bank (HKD issuer)", signer: hkBank, kinds: KIND.BANK, country: "HK" },
];

step("The registrar verifies the parties of the trade in one batch");
const tx = await registry.connect(operator).registerBatch(
  parties.map((p) => p.signer.address),
  parties.map((p) => ({
    kinds: p.kinds,
    jurisdiction: ethers.hexlify(ethers.toUtf8Bytes(p.country)),
    validUntil: now + ONE_YEAR,
    kycReference: ethers.id(`KYC file of ${p.name}`),
  })),
);
const receipt = await tx.wait();
console.log(`  ${parties.length} participants registered, gas used ${receipt!.gasUsed}`);
for (const p of parties) {
  const verified = await registry.isVerified(p.signer.address);
  console.log(`  ${verified ? "✓" : "✗"} ${p.name.padEnd(38)} ${p.country}  ${p.signer.address}`);
}
console.log("\nDone.");
