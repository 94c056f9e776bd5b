/**
 * @internal The settlement namespace's code (SignedSettlement and EscrowedDeals), which `createCargoRails` loads with
 * `import()` on its first call (see {@link lazyNamespace}).
 */
import { encodeErrorResult, isHex, keccak256, stringToBytes, zeroAddress, type Address, type Hex } from "viem";

import { billOfLadingRegistryAbi, depositRailAbi, escrowedDealsAbi, signedSettlementAbi } from "../abi/index.js";
import { ContractNotConfiguredError } from "../addresses.js";
import { decodeRevertData, type CargoRailsRevertError } from "../contractErrors.js";
import { createEbl } from "../ebl.js";
import { enumName, termsStatuses } from "../enums.js";
import { InvalidArgumentError } from "../errors.js";
import { assertAddress, assertBytes32, toUnixSeconds } from "../guards.js";
import {
  chainTime,
  eip712DomainReader,
  extendWait,
  readContract,
  action,
  walletAccount,
  writeContract,
  type ContractContext,
} from "./contract.js";
import {
  hashSettlementDeal,
  hashSettlementEblDeposit,
  hashSettlementTerms,
  settlementAuthorizationNonce,
  signDepositPermit,
  signReceiveAuthorization,
  signSettlementDeal,
  signSettlementEblDeposit,
  signSettlementTerms,
  type SettlementTerms,
} from "../signing.js";
import {
  assertTerms,
  eblAuthOf,
  paymentAuthOf,
  randomSalt,
  settledEventsOf,
  wayOf,
  ZERO32,
  type BatchItemResult,
  type SettlementDependencies,
  type SettlementNamespace,
  type SettlementSubmission,
  type SettlementWay,
} from "../settlement.js";

/** @internal Builds the namespace; use {@link createCargoRails}. */
export function createSettlement(deps: SettlementDependencies): SettlementNamespace {
  const { publicClient, walletClient, signer, events } = deps;
  const signedCtx =
    deps.signedSettlement === undefined
      ? undefined
      : { publicClient, walletClient, signer, events, address: deps.signedSettlement, abi: signedSettlementAbi };
  const escrowedCtx =
    deps.escrowedDeals === undefined
      ? undefined
      : { publicClient, walletClient, signer, events, address: deps.escrowedDeals, abi: escrowedDealsAbi };
  const signed = (): ContractContext<typeof signedSettlementAbi> => {
    if (signedCtx === undefined) {
      throw new ContractNotConfiguredError("settlement", "SignedSettlement contract (addresses.signedSettlement)");
    }
    return signedCtx;
  };
  const escrowed = (): ContractContext<typeof escrowedDealsAbi> => {
    if (escrowedCtx === undefined) {
      throw new ContractNotConfiguredError("settlement", "EscrowedDeals contract (addresses.escrowedDeals)");
    }
    return escrowedCtx;
  };
  /** The way's contract, typed as the shared functions of SettlementCore (both ABIs have them). */
  const core = (way: unknown): ContractContext<typeof signedSettlementAbi> =>
    wayOf(way) === "signed" ? signed() : (escrowed() as unknown as ContractContext<typeof signedSettlementAbi>);
  const domains = {
    signed: signedCtx && eip712DomainReader(signedCtx),
    escrowed: escrowedCtx && eip712DomainReader(escrowedCtx),
  };
  const domain = async (way?: SettlementWay) => {
    const w = wayOf(way);
    if (w === "signed") signed();
    else escrowed();
    return domains[w]!();
  };
  const registryOf = (registry: Address | undefined, argument: string): Address => {
    if (registry !== undefined) return assertAddress(registry, argument);
    if (deps.eblRegistry === undefined) {
      throw new InvalidArgumentError(argument, undefined, "the eBL registry's address (none in addresses.eblRegistry)");
    }
    return deps.eblRegistry;
  };
  const ebl = (registry: Address) =>
    createEbl({ publicClient, walletClient, signer, events, address: registry, abi: billOfLadingRegistryAbi });
  const wallet = (operation: string) =>
    walletAccount({ publicClient, walletClient, signer, address: zeroAddress, abi: [] }, operation);
  const railOf = async (way: SettlementWay, registry: Address, token: Address): Promise<Address | null> => {
    const rail = await readContract(core(way), "paymentRailOf", [registry, token]);
    return rail === zeroAddress ? null : rail;
  };
  /** The rail the buyer names: the configured one, else the market's; a closed market is the contract's refusal. */
  const railFor = async (way: SettlementWay, t: SettlementTerms): Promise<Address> => {
    if (deps.depositRail !== undefined) return deps.depositRail;
    const rail = await railOf(way, t.registry, t.paymentToken);
    if (rail !== null) return rail;
    throw decodeRevertData(
      encodeErrorResult({
        abi: signedSettlementAbi,
        errorName: "SettlementMarketClosed",
        args: [t.registry, t.paymentToken],
      }),
      { contractAddress: core(way).address, functionName: "paymentRailOf" },
    );
  };
  const submission = (s: SettlementSubmission) => {
    if (typeof s !== "object" || s === null) {
      throw new InvalidArgumentError(
        "submission",
        s,
        "{ terms, sellerSignature?, buyerSignature?, eblPermit?, payment? }",
      );
    }
    if (s.way !== undefined && wayOf(s.way, "submission.way") !== "signed") {
      throw new InvalidArgumentError(
        "submission.way",
        s.way,
        '"signed": settle takes consents under SignedSettlement\'s domain',
        "A submission made for an escrowed deal goes to createDeal / depositPayment, not settle.",
      );
    }
    return {
      terms: assertTerms(s.terms),
      sellerSignature: s.sellerSignature ?? "0x",
      buyerSignature: s.buyerSignature ?? "0x",
      eblAuth: eblAuthOf(s.eblPermit),
      paymentAuth: paymentAuthOf(s.payment),
    } as const;
  };

  const ns: SettlementNamespace = {
    signedSettlement: deps.signedSettlement,
    escrowedDeals: deps.escrowedDeals,
    domain,

    async prepare(input) {
      if (typeof input !== "object" || input === null) {
        throw new InvalidArgumentError("input", input, "{ tokenId, paymentToken, amount, seller, buyer, ... }");
      }
      const registry = registryOf(input.registry, "registry");
      const seller = assertAddress(input.seller, "seller");
      const buyer = assertAddress(input.buyer, "buyer");
      const eblRecipient = input.eblRecipient === undefined ? buyer : assertAddress(input.eblRecipient, "eblRecipient");
      const paymentRecipient =
        input.paymentRecipient === undefined ? seller : assertAddress(input.paymentRecipient, "paymentRecipient");
      if (seller === buyer || eblRecipient === seller || paymentRecipient === buyer) {
        throw new InvalidArgumentError(
          "parties",
          { seller, buyer },
          "distinct seller and buyer, an eBL recipient other than the seller and a payment recipient other than the buyer",
        );
      }
      const condition = input.condition === undefined ? zeroAddress : assertAddress(input.condition, "condition");
      const conditionData =
        input.conditionData === undefined ? ZERO32 : assertBytes32(input.conditionData, "conditionData");
      const deposit = deps.deposit(input.paymentToken);
      const amount = await deposit.parse(input.amount);
      const registryNs = ebl(registry);
      const bill = await registryNs.bill(input.tokenId);
      let titleRecipient: Address;
      if (input.titleRecipient === "bearer") {
        if (bill.kind !== "toOrder") {
          throw new InvalidArgumentError("titleRecipient", "bearer", "the consignee: a straight B/L cannot be bearer");
        }
        titleRecipient = zeroAddress;
      } else if ((input.titleRecipient as unknown) === null) {
        throw new InvalidArgumentError(
          "titleRecipient",
          null,
          'the address that holds title after settlement, or "bearer"',
          'null no longer means "possession only": name the party that keeps title (e.g. the importer when a pledgee bank delivers back), or pass "bearer" for a blank-endorsed bill.',
        );
      } else if (input.titleRecipient !== undefined) {
        titleRecipient = assertAddress(input.titleRecipient, "titleRecipient");
      } else {
        titleRecipient = bill.kind === "toOrder" ? eblRecipient : (bill.titleHolder ?? zeroAddress);
      }
      let salt: Hex;
      if (input.salt === undefined) salt = randomSalt();
      else if (isHex(input.salt, { strict: true }) && input.salt.length === 66) salt = input.salt;
      else if (typeof input.salt === "string" && input.salt.length > 0) salt = keccak256(stringToBytes(input.salt));
      else throw new InvalidArgumentError("salt", input.salt, "32 bytes of hex or a non-empty trade reference");
      const deadline =
        input.deadline === undefined
          ? (await chainTime(publicClient)) + 24n * 3600n
          : toUnixSeconds(input.deadline, "deadline");
      return {
        registry,
        tokenId: bill.tokenId,
        documentHash:
          input.documentHash === undefined ? bill.documentHash : assertBytes32(input.documentHash, "documentHash"),
        paymentToken: deposit.address,
        amount,
        seller,
        buyer,
        eblRecipient,
        titleRecipient,
        paymentRecipient,
        condition,
        conditionData,
        deadline,
        salt,
      };
    },
    hashTerms: async (terms, options = {}) => hashSettlementTerms(assertTerms(terms), await domain(options.way)),
    async signTerms(terms) {
      const { wallet: w } = walletAccount(signed(), "settlement.signTerms");
      return signSettlementTerms(w, { domain: await domain("signed"), terms: assertTerms(terms) });
    },
    hashDeal: async (terms) => hashSettlementDeal(assertTerms(terms), await domain("escrowed")),
    async signDeal(terms) {
      const { wallet: w } = walletAccount(escrowed(), "settlement.signDeal");
      return signSettlementDeal(w, { domain: await domain("escrowed"), terms: assertTerms(terms) });
    },
    hashEblDeposit: async (terms) => hashSettlementEblDeposit(assertTerms(terms), await domain("escrowed")),
    async signEblDeposit(terms) {
      const { wallet: w } = walletAccount(escrowed(), "settlement.signEblDeposit");
      return signSettlementEblDeposit(w, { domain: await domain("escrowed"), terms: assertTerms(terms) });
    },
    async signEblPermit(terms, options = {}) {
      const t = assertTerms(terms);
      const spender = core(options.way).address;
      return ebl(t.registry).signPermit({ tokenId: t.tokenId, spender, deadline: options.deadline });
    },
    async signPayment(terms, options = {}) {
      const t = assertTerms(terms);
      const way = wayOf(options.way);
      const method = options.method ?? "authorization";
      if (method !== "authorization" && method !== "permit") {
        throw new InvalidArgumentError("method", method, '"authorization" or "permit"');
      }
      const deposit = deps.deposit(t.paymentToken);
      const value = options.amount === undefined ? t.amount : await deposit.parse(options.amount);
      const { wallet: w, account } = wallet("settlement.signPayment");
      const rail = await railFor(way, t);
      const tokenDomain = await deposit.domain();
      const now = await chainTime(publicClient);
      const until = (value: bigint | Date | undefined) =>
        value === undefined
          ? t.deadline < now + 3600n
            ? t.deadline
            : now + 3600n
          : toUnixSeconds(value, "validBefore");
      if (method === "permit") {
        const deadline = until(options.validBefore);
        const signature = await signDepositPermit(w, {
          domain: tokenDomain,
          owner: account.address,
          spender: rail,
          value,
          nonce: await deposit.permitNonce(account.address),
          deadline,
        });
        return { method, deadline, signature };
      }
      const salt = options.salt === undefined ? randomSalt() : assertBytes32(options.salt, "salt");
      const validAfter = options.validAfter === undefined ? 0n : toUnixSeconds(options.validAfter, "validAfter");
      const validBefore = until(options.validBefore);
      const paymentId = way === "escrowed" ? await ns.hashDeal(t) : await ns.hashTerms(t);
      const signature = await signReceiveAuthorization(w, {
        domain: tokenDomain,
        message: {
          from: account.address,
          to: rail,
          value,
          validAfter,
          validBefore,
          nonce: settlementAuthorizationNonce(paymentId, salt),
        },
      });
      return { method, validAfter, validBefore, salt, signature };
    },
    async signAsSeller(terms, options = {}) {
      const sellerSignature = await ns.signTerms(terms);
      const eblPermit = await ns.signEblPermit(terms, { deadline: options.deadline });
      return { sellerSignature, eblPermit };
    },
    async signAsBuyer(terms, options = {}) {
      const buyerSignature = await ns.signTerms(terms);
      const payment = await ns.signPayment(terms, { method: options.method, validBefore: options.validBefore });
      return { buyerSignature, payment };
    },

    settle: action(1, async (call, s) => writeContract(signed(), "settlement.settle", "settle", [submission(s)], call)),
    settleBatch: action(1, async (call, submissions) => {
      if (!Array.isArray(submissions) || submissions.length === 0) {
        throw new InvalidArgumentError("submissions", submissions, "a non-empty list of signed settlements");
      }
      const ctx = signed();
      const items = submissions.map(submission);
      const hashes = await Promise.all(items.map((item) => ns.hashTerms(item.terms)));
      const result = await writeContract(ctx, "settlement.settleBatch", "settleBatch", [items], call);
      return extendWait(result, ({ events }) => {
        const failed = new Map<number, CargoRailsRevertError>();
        for (const event of events) {
          if (event.eventName === "BatchItemFailed") {
            failed.set(
              Number(event.args.index),
              decodeRevertData(event.args.reason, { contractAddress: ctx.address, functionName: "settleBatch" }),
            );
          }
        }
        const results = hashes.map((termsHash, index): BatchItemResult => {
          const error = failed.get(index);
          return error === undefined
            ? { index, termsHash, settled: true }
            : { index, termsHash, settled: false, error };
        });
        return { results };
      });
    }),
    cancelTerms: action(2, async (call, terms, options = {}) =>
      writeContract(core(options.way), "settlement.cancelTerms", "cancelTerms", [assertTerms(terms)], call),
    ),

    createDeal: action(2, async (call, terms, options = {}) => {
      const t = assertTerms(terms);
      const result = await writeContract(
        escrowed(),
        "settlement.createDeal",
        "createDeal",
        [t, options.sellerSignature ?? "0x"],
        call,
      );
      return { ...result, dealId: await ns.hashTerms(t, { way: "escrowed" }) };
    }),
    depositEbl: action(2, async (call, terms, options = {}) =>
      writeContract(
        escrowed(),
        "settlement.depositEbl",
        "depositEbl",
        [assertTerms(terms), options.sellerSignature ?? "0x", eblAuthOf(options.eblPermit)],
        call,
      ),
    ),
    depositPayment: action(2, async (call, terms, options = {}) => {
      const t = assertTerms(terms);
      const amount = options.amount === undefined ? t.amount : await deps.deposit(t.paymentToken).parse(options.amount);
      return writeContract(
        escrowed(),
        "settlement.depositPayment",
        "depositPayment",
        [t, amount, options.buyerSignature ?? "0x", paymentAuthOf(options.payment)],
        call,
      );
    }),
    cancelDeal: action(1, async (call, terms) =>
      writeContract(escrowed(), "settlement.cancelDeal", "cancelDeal", [assertTerms(terms)], call),
    ),
    refund: action(1, async (call, terms) =>
      writeContract(escrowed(), "settlement.refund", "refund", [assertTerms(terms)], call),
    ),

    async status(termsHash, options = {}) {
      const status = await readContract(core(options.way), "statusOf", [assertBytes32(termsHash, "termsHash")]);
      return enumName(termsStatuses, status);
    },
    async deal(dealId) {
      const d = await readContract(escrowed(), "dealOf", [assertBytes32(dealId, "dealId")]);
      return { status: enumName(termsStatuses, d.status), eblHeld: d.eblHeld, paidBaseUnits: d.paid };
    },
    async openDealOf(tokenId, registry) {
      const id = await readContract(escrowed(), "openDealOf", [registryOf(registry, "registry"), tokenId]);
      return id === ZERO32 ? null : id;
    },
    async escrowedBalance(token) {
      const deposit = deps.deposit(token);
      return deposit.format(await readContract(escrowed(), "escrowedBalance", [deposit.address]));
    },
    paymentRailOf: async (token, options = {}) =>
      railOf(wayOf(options.way), registryOf(options.registry, "registry"), deps.deposit(token).address),
    settledEvents: (receipt) => settledEventsOf(receipt, deps),
    paused: async (way) => readContract(core(way), "paused", []),

    setMarket: action(1, async (call, p) =>
      writeContract(
        core(p?.way),
        "settlement.setMarket",
        "setMarket",
        [
          registryOf(p.registry, "registry"),
          deps.deposit(p.token).address,
          p.rail === null ? zeroAddress : assertAddress(p.rail, "rail"),
        ],
        call,
      ),
    ),
    pause: action(1, async (call, way) => writeContract(core(way), "settlement.pause", "pause", [], call)),
    unpause: action(1, async (call, way) => writeContract(core(way), "settlement.unpause", "unpause", [], call)),
    recoverStrayToken: action(1, async (call, p) => {
      const deposit = deps.deposit(p?.token);
      const args = [deposit.address, assertAddress(p.to, "to"), await deposit.parse(p.amount)] as const;
      if (p.from !== "rail") {
        return writeContract(core(p.from), "settlement.recoverStrayToken", "recoverStrayToken", args, call);
      }
      const rail =
        deps.depositRail ??
        (await railOf("signed", registryOf(undefined, "registry"), deposit.address)) ??
        (await railOf("escrowed", registryOf(undefined, "registry"), deposit.address));
      if (rail === null) {
        throw new InvalidArgumentError("token", p.token, "a token with an open market (or addresses.depositRail)");
      }
      const railCtx = { publicClient, walletClient, signer, events, address: rail, abi: depositRailAbi };
      return writeContract(railCtx, "settlement.recoverStrayToken", "recoverStrayToken", args, call);
    }),
    recoverStrayEbl: action(1, async (call, p) =>
      writeContract(
        core(p?.way),
        "settlement.recoverStrayEbl",
        "recoverStrayEbl",
        [registryOf(p.registry, "registry"), p.tokenId, assertAddress(p.to, "to")],
        call,
      ),
    ),
  };
  return ns;
}
