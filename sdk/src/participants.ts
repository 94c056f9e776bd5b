import { type Address, type Hex } from "viem";

import { participantRegistryAbi } from "./abi/index.js";
import { InvalidArgumentError } from "./errors.js";
import { assertAddress, assertBytes32 } from "./guards.js";
import {
  decodeJurisdiction,
  decodeKinds,
  encodeJurisdiction,
  encodeKinds,
  type ParticipantKind,
} from "./participantKinds.js";
import {
  action,
  readContract,
  writeContract,
  type ContractContext,
  type WriteAction,
  type WriteResult,
} from "./internal/contract.js";

/** A participant's record in the register, decoded. */
export interface Participant {
  /** The participant's address (checksummed). */
  account: Address;
  /** False when revoked or never registered. */
  active: boolean;
  /** Its kinds by name, in bit order, e.g. `["carrier"]`. */
  kinds: ParticipantKind[];
  /** The raw kinds bitmask as stored. */
  kindMask: number;
  /** ISO 3166-1 alpha-2 code, e.g. `"HK"`; `null` when never registered. */
  jurisdiction: string | null;
  /** Unix time (seconds) at which the verification lapses; `0n` when never registered. */
  validUntil: bigint;
  /** `validUntil` as a Date. */
  validUntilDate: Date;
  /** The off-chain reference (an LEI, or the hash of the KYC file). */
  kycReference: Hex;
}

/** What a registrar supplies to register or update a participant. */
export interface ParticipantRegistration {
  /** The participant's address. */
  account: Address;
  /** At least one kind, e.g. `["carrier"]` or `["bank", "custody"]` (a single name is accepted too). */
  kinds: ParticipantKind | readonly ParticipantKind[];
  /** ISO 3166-1 alpha-2 code in upper case, e.g. `"HK"`. */
  jurisdiction: string;
  /** When the verification lapses: a Date, or Unix seconds as a bigint. Must be after the chain's current time. */
  validUntil: Date | bigint;
  /** Off-chain reference, 32 bytes hex: an LEI's hash, or the hash of the KYC file. */
  kycReference: Hex;
}

/**
 * The `participants` namespace: the register of verified (KYC/KYB) participants, kept by the registrar role (whose
 * members are granted in the `access` namespace).
 */
export interface ParticipantsNamespace {
  /** The register's address. */
  readonly address: Address;
  /** Whether `account` is verified now: registered, not revoked, not lapsed. */
  isVerified(account: Address): Promise<boolean>;
  /** Whether `account` is verified now and holds at least one of `kinds`. */
  isVerifiedAs(account: Address, kinds: ParticipantKind | readonly ParticipantKind[]): Promise<boolean>;
  /** The kinds of `account` while it is verified now; empty when it is not registered, revoked or lapsed. */
  verifiedKinds(account: Address): Promise<ParticipantKind[]>;
  /** The stored record of `account`, decoded (all empty when never registered). */
  get(account: Address): Promise<Participant>;
  /**
   * Registers a new participant, or re-registers a revoked one. Registrar only.
   * @throws {ContractRevertError} e.g. `ParticipantAlreadyRegistered`, `AccessManagedUnauthorized`.
   */
  register: WriteAction<[registration: ParticipantRegistration], WriteResult<typeof participantRegistryAbi>>;
  /** Registers several participants in one transaction, all or nothing. Registrar only. */
  registerBatch: WriteAction<
    [registrations: readonly ParticipantRegistration[]],
    WriteResult<typeof participantRegistryAbi>
  >;
  /** Replaces a registered participant's record (change of kinds, jurisdiction, renewal). Registrar only. */
  update: WriteAction<[registration: ParticipantRegistration], WriteResult<typeof participantRegistryAbi>>;
  /** Revokes a participant's verification at once; the record is kept, inactive. Registrar only. */
  revoke: WriteAction<[params: { account: Address }], WriteResult<typeof participantRegistryAbi>>;
}

function toSeconds(validUntil: Date | bigint): bigint {
  if (typeof validUntil === "bigint") {
    if (validUntil <= 0n || validUntil >= 1n << 64n) {
      throw new InvalidArgumentError("validUntil", validUntil, "Unix seconds between 1 and 2^64 - 1");
    }
    return validUntil;
  }
  if (validUntil instanceof Date && !Number.isNaN(validUntil.getTime()) && validUntil.getTime() > 0) {
    return BigInt(Math.floor(validUntil.getTime() / 1000));
  }
  throw new InvalidArgumentError("validUntil", validUntil, "a valid Date or Unix seconds as a bigint");
}

function encodeRegistration(registration: ParticipantRegistration) {
  if (typeof registration !== "object" || registration === null) {
    throw new InvalidArgumentError(
      "registration",
      registration,
      "an object { account, kinds, jurisdiction, validUntil, kycReference }",
    );
  }
  return {
    account: assertAddress(registration.account, "account"),
    record: {
      kinds: encodeKinds(registration.kinds),
      jurisdiction: encodeJurisdiction(registration.jurisdiction),
      validUntil: toSeconds(registration.validUntil),
      kycReference: assertBytes32(registration.kycReference, "kycReference"),
    },
  };
}

/** @internal Builds the namespace; use {@link createCargoRails}. */
export function createParticipants(ctx: ContractContext<typeof participantRegistryAbi>): ParticipantsNamespace {
  return {
    address: ctx.address,
    isVerified: async (account) => readContract(ctx, "isVerified", [assertAddress(account, "account")]),
    isVerifiedAs: async (account, kinds) =>
      readContract(ctx, "isVerifiedAs", [assertAddress(account, "account"), encodeKinds(kinds)]),
    verifiedKinds: async (account) =>
      decodeKinds(await readContract(ctx, "verifiedKinds", [assertAddress(account, "account")])),
    async get(account) {
      const address = assertAddress(account, "account");
      const record = await readContract(ctx, "participant", [address]);
      return {
        account: address,
        active: record.active,
        kinds: decodeKinds(record.kinds),
        kindMask: record.kinds,
        jurisdiction: decodeJurisdiction(record.jurisdiction),
        validUntil: record.validUntil,
        validUntilDate: new Date(Number(record.validUntil) * 1000),
        kycReference: record.kycReference,
      };
    },
    register: action(1, async (call, registration: ParticipantRegistration) => {
      const { account, record } = encodeRegistration(registration);
      return writeContract(ctx, "participants.register", "register", [account, record], call);
    }),
    registerBatch: action(1, async (call, registrations: readonly ParticipantRegistration[]) => {
      if (!Array.isArray(registrations) || registrations.length === 0) {
        throw new InvalidArgumentError("registrations", registrations, "a non-empty list of registrations");
      }
      const encoded = registrations.map(encodeRegistration);
      return writeContract(
        ctx,
        "participants.registerBatch",
        "registerBatch",
        [encoded.map((e) => e.account), encoded.map((e) => e.record)],
        call,
      );
    }),
    update: action(1, async (call, registration: ParticipantRegistration) => {
      const { account, record } = encodeRegistration(registration);
      return writeContract(ctx, "participants.update", "update", [account, record], call);
    }),
    revoke: action(1, async (call, params) =>
      writeContract(ctx, "participants.revoke", "revoke", [assertAddress(params?.account, "account")], call),
    ),
  };
}
