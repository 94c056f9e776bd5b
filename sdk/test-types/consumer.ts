// Compiled by test/sdk/package.ts inside a scratch project that installed the packed SDK: it proves that the
// package's `exports` map gives types to a TypeScript consumer, and that wrong arguments fail to compile.
// Every `@ts-expect-error` must meet an error, or tsc fails with "Unused '@ts-expect-error' directive".
import { createPublicClient, http, type Address, type Hex } from "viem";

import {
  ContractRevertError,
  createCargoRails,
  decodeContractError,
  documentChecksum,
  eblTokenId,
  formatAmount,
  isContractRevert,
  parseAmount,
  participantRegistryAbi,
  type Participant,
  type ParticipantKind,
  type WriteResult,
} from "@cargo-rails/sdk";

const publicClient = createPublicClient({ transport: http("http://127.0.0.1:8545") });
const account: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const kycReference: Hex = `0x${"11".repeat(32)}`;
const rails = createCargoRails({ publicClient, addresses: { participantRegistry: account } });

// ---------------------------------------------------------------- what compiles
export async function compiles(): Promise<void> {
  const verified: boolean = await rails.participants.isVerifiedAs(account, ["carrier", "bank"]);
  const record: Participant = await rails.participants.get(account);
  const kinds: ParticipantKind[] = record.kinds;
  const pending: WriteResult<typeof participantRegistryAbi> = await rails.participants.register({
    account,
    kinds: ["carrier"],
    jurisdiction: "HK",
    validUntil: new Date(),
    kycReference,
  });
  const { events } = await pending.wait();
  for (const event of events) {
    if (event.eventName === "ParticipantChanged") {
      const previousKinds: number = event.args.previous.kinds;
      const operator: Address = event.args.operator;
      (void previousKinds, operator);
    }
  }
  const checksum: Hex = documentChecksum({ transportDocumentReference: "X" });
  const id: bigint = eblTokenId(account, "HHL71800000");
  const units: bigint = parseAmount("1250.50", 2);
  const text: string = formatAmount(units, 2);
  const error = decodeContractError(new Error(), participantRegistryAbi);
  if (
    error instanceof ContractRevertError &&
    isContractRevert(error, participantRegistryAbi, "ParticipantExpiryNotInFuture")
  ) {
    const [validUntil, now]: readonly [bigint, bigint] = error.args;
    (void validUntil, now);
  }
  (void verified, kinds, checksum, id, text);
}

// ---------------------------------------------------------------- what must not compile
export async function mustNotCompile(): Promise<void> {
  // @ts-expect-error: an unknown participant kind
  await rails.participants.isVerifiedAs(account, ["shipowner"]);
  // @ts-expect-error: kinds is required
  await rails.participants.register({ account, jurisdiction: "HK", validUntil: 1n, kycReference });
  const base = { account, kinds: ["carrier"], jurisdiction: "HK" } as const;
  // @ts-expect-error: validUntil is a Date or bigint seconds, never a number
  await rails.participants.register({ ...base, validUntil: 1700000000, kycReference });
  // @ts-expect-error: kycReference is hex, not any string
  await rails.participants.update({ ...base, validUntil: 1n, kycReference: "LEI-123" });
  // @ts-expect-error: an account is an address, not any string
  await rails.participants.revoke({ account: "importer" });
  // @ts-expect-error: revoke takes { account }, not the address itself
  await rails.participants.revoke(account);
  // @ts-expect-error: amounts are decimal strings or bigints, never floating-point numbers
  parseAmount(1250.5, 2);
  // @ts-expect-error: formatAmount takes base units as a bigint
  formatAmount("125050", 2);
  // @ts-expect-error: the addresses name the participant registry
  createCargoRails({ publicClient, addresses: { registry: account } });
  // @ts-expect-error: a namespace the SDK does not have
  rails.ebl;
  const error = decodeContractError(new Error(), participantRegistryAbi);
  // @ts-expect-error: not a custom error of the ParticipantRegistry
  if (isContractRevert(error, participantRegistryAbi, "NoSuchError")) void error;
  if (isContractRevert(error, participantRegistryAbi, "ParticipantNotRegistered")) {
    // @ts-expect-error: ParticipantNotRegistered has one argument (an address), not a bigint
    const wrong: bigint = error.args[0];
    void wrong;
  }
}
