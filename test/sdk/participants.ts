import { expect } from "chai";
import {
  http,
  createPublicClient,
  createWalletClient,
  custom,
  encodeFunctionData,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

import {
  ContractRevertError,
  createCargoRails,
  decodeContractError,
  functionRoles,
  InvalidAddressError,
  InvalidArgumentError,
  isContractRevert,
  participantRegistryAbi,
  RpcConnectionError,
  TransactionRevertedError,
  WalletRequiredError,
  type CargoRails,
  type WriteReceipt,
} from "../../sdk/src/index.js";
import { createChain, deployParticipantRegistry, ONE_YEAR, rejects } from "./helpers.js";

const KYC: Hex = `0x${"ab".repeat(32)}`;

const chain = await createChain();
const { publicClient, wallet, accounts } = chain;
const { loadFixture, time } = chain.connection.networkHelpers;

async function deployed() {
  const { participantRegistry: address, accessManager } = await deployParticipantRegistry(chain);
  const now = BigInt(await time.latest());
  const as = (account: Address | undefined): CargoRails =>
    createCargoRails({
      publicClient,
      walletClient: account === undefined ? undefined : wallet(account),
      addresses: { participantRegistry: address, accessManager },
    });
  return { address, now, registrar: as(accounts.registrar), reader: as(undefined), as };
}

/** Runs `fn`, expecting a ContractRevertError; returns it. */
async function revert(fn: () => Promise<unknown>): Promise<ContractRevertError> {
  try {
    await fn();
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(ContractRevertError);
    return error as ContractRevertError;
  }
  return expect.fail("expected a ContractRevertError");
}

/** The ParticipantChanged events of a receipt, typed (a receipt's events are a union over the rails' events). */
function changes(events: WriteReceipt["events"]) {
  return events.filter(
    (event): event is Extract<(typeof events)[number], { eventName: "ParticipantChanged" }> =>
      event.contract === "ParticipantRegistry" && event.eventName === "ParticipantChanged",
  );
}

/** The registrar's nonce: unchanged means no transaction was sent. */
const nonce = () => publicClient.getTransactionCount({ address: accounts.registrar });

describe("SDK: participants namespace (in-process network)", function () {
  describe("reads", function () {
    it("reports an unknown account as not verified, with an empty record", async function () {
      const { reader } = await loadFixture(deployed);
      expect(await reader.participants.isVerified(accounts.carrier)).to.equal(false);
      expect(await reader.participants.isVerifiedAs(accounts.carrier, ["carrier"])).to.equal(false);
      expect(await reader.participants.verifiedKinds(accounts.carrier)).to.deep.equal([]);
      const record = await reader.participants.get(accounts.carrier);
      expect(record).to.deep.equal({
        account: accounts.carrier,
        active: false,
        kinds: [],
        kindMask: 0,
        jurisdiction: null,
        validUntil: 0n,
        validUntilDate: new Date(0),
        kycReference: `0x${"00".repeat(32)}`,
      });
    });
  });

  describe("register", function () {
    it("registers a carrier, returns the hash at once and the receipt with the decoded event on wait()", async function () {
      const { registrar, reader, now } = await loadFixture(deployed);
      const validUntil = now + ONE_YEAR;
      const result = await registrar.participants.register({
        account: accounts.carrier,
        kinds: ["carrier"],
        jurisdiction: "HK",
        validUntil,
        kycReference: KYC,
      });
      expect(result.hash).to.match(/^0x[0-9a-f]{64}$/);
      const { receipt, events } = await result.wait();
      expect(receipt.transactionHash).to.equal(result.hash);
      expect(receipt.status).to.equal("success");
      expect(await result.wait()).to.deep.equal({ receipt, events }); // wait() can be called again
      expect(events).to.have.length(1);
      const [event] = changes(events);
      expect(event!.eventName).to.equal("ParticipantChanged");
      expect(event!.args.account).to.equal(accounts.carrier);
      expect(event!.args.operator).to.equal(accounts.registrar);
      expect(event!.args.previous.active).to.equal(false);
      // Decoded as participants.get reads a record: kinds by name, the jurisdiction as text.
      expect(event!.args.current).to.deep.equal({
        active: true,
        kinds: ["carrier"],
        kindMask: 1,
        jurisdiction: "HK",
        validUntil,
        kycReference: KYC,
      });

      expect(await reader.participants.isVerified(accounts.carrier)).to.equal(true);
      expect(await reader.participants.isVerifiedAs(accounts.carrier, "carrier")).to.equal(true);
      expect(await reader.participants.isVerifiedAs(accounts.carrier, ["bank", "carrier"])).to.equal(true);
      expect(await reader.participants.isVerifiedAs(accounts.carrier, ["bank"])).to.equal(false);
      const record = await reader.participants.get(accounts.carrier);
      expect(record).to.deep.include({
        active: true,
        kinds: ["carrier"],
        kindMask: 1,
        jurisdiction: "HK",
        validUntil,
        kycReference: KYC,
      });
      expect(record.validUntilDate.getTime()).to.equal(Number(validUntil) * 1000);
    });

    it("signs with a local account (a private key held by the integrator, not the node)", async function () {
      const { address, reader, now } = await loadFixture(deployed);
      // Hardhat's well-known development key of its second account, the registrar of this deployment.
      const registrar = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
      expect(registrar.address).to.equal(accounts.registrar);
      const rails = createCargoRails({
        publicClient,
        walletClient: createWalletClient({ account: registrar, transport: custom(chain.provider, { retryCount: 0 }) }),
        addresses: { participantRegistry: address },
      });
      const { receipt } = await (
        await rails.participants.register({
          account: accounts.exporter,
          kinds: ["trader"],
          jurisdiction: "CN",
          validUntil: now + ONE_YEAR,
          kycReference: KYC,
        })
      ).wait();
      expect(receipt.from).to.equal(registrar.address.toLowerCase());
      expect(await reader.participants.isVerifiedAs(accounts.exporter, "trader")).to.equal(true);
    });

    it("accepts validUntil as a Date and several kinds", async function () {
      const { registrar, reader, now } = await loadFixture(deployed);
      const validUntil = new Date(Number(now + ONE_YEAR) * 1000 + 999);
      await (
        await registrar.participants.register({
          account: accounts.bank,
          kinds: ["bank", "agent"],
          jurisdiction: "CN",
          validUntil,
          kycReference: KYC,
        })
      ).wait();
      const record = await reader.participants.get(accounts.bank);
      expect(record.kinds).to.deep.equal(["bank", "agent"]);
      expect(record.jurisdiction).to.equal("CN");
      expect(record.validUntil).to.equal(now + ONE_YEAR); // milliseconds are truncated to the second
    });

    it("throws ParticipantAlreadyRegistered, typed, before any transaction is sent", async function () {
      const { registrar, now } = await loadFixture(deployed);
      const input = {
        account: accounts.carrier,
        kinds: ["carrier"],
        jurisdiction: "HK",
        validUntil: now + ONE_YEAR,
        kycReference: KYC,
      } as const;
      await (await registrar.participants.register(input)).wait();
      const before = await nonce();
      const error = await revert(() => registrar.participants.register(input));
      expect(await nonce()).to.equal(before);
      expect(error.name).to.equal("ContractRevertError");
      expect(error.errorName).to.equal("ParticipantAlreadyRegistered");
      expect(error.args).to.deep.equal([accounts.carrier]);
      expect(error.shortMessage).to.equal(
        `${accounts.carrier} is already registered (possibly lapsed, but not revoked).`,
      );
      expect(error.hint).to.contain("participants.update");
      expect(error.functionName).to.equal("register");
      expect(isContractRevert(error, participantRegistryAbi, "ParticipantAlreadyRegistered")).to.equal(true);
      expect(isContractRevert(error, participantRegistryAbi, "ParticipantNotRegistered")).to.equal(false);
    });

    it("throws ParticipantExpiryNotInFuture when validUntil is not after the chain's time", async function () {
      const { registrar, now } = await loadFixture(deployed);
      const error = await revert(() =>
        registrar.participants.register({
          account: accounts.carrier,
          kinds: ["carrier"],
          jurisdiction: "HK",
          validUntil: now - 1n,
          kycReference: KYC,
        }),
      );
      expect(error.errorName).to.equal("ParticipantExpiryNotInFuture");
      expect(error.args[0]).to.equal(now - 1n);
      expect(error.shortMessage).to.contain("not after the chain's time");
    });

    it("throws RailsZeroAddress for the zero address", async function () {
      const { registrar, now } = await loadFixture(deployed);
      const error = await revert(() =>
        registrar.participants.register({
          account: zeroAddress,
          kinds: ["trader"],
          jurisdiction: "HK",
          validUntil: now + ONE_YEAR,
          kycReference: KYC,
        }),
      );
      expect(error.errorName).to.equal("RailsZeroAddress");
      expect(error.args).to.deep.equal([]);
    });

    it("throws AccessManagedUnauthorized for a caller without the registrar role", async function () {
      const { as, now } = await loadFixture(deployed);
      const error = await revert(() =>
        as(accounts.stranger).participants.register({
          account: accounts.carrier,
          kinds: ["carrier"],
          jurisdiction: "HK",
          validUntil: now + ONE_YEAR,
          kycReference: KYC,
        }),
      );
      expect(error.errorName).to.equal("AccessManagedUnauthorized");
      expect(error.args[0]).to.equal(accounts.stranger);
      expect(error.shortMessage).to.equal(`${accounts.stranger} holds no role allowed to call this function.`);
      expect(error.hint).to.contain("access.grantRole");
    });

    it("refuses bad input before any request: address, kinds, jurisdiction, validUntil, kycReference", async function () {
      const { registrar, now } = await loadFixture(deployed);
      const good = {
        account: accounts.carrier,
        kinds: ["carrier"],
        jurisdiction: "HK",
        validUntil: now + ONE_YEAR,
        kycReference: KYC,
      } as const;
      const before = await nonce();
      const cases: [Record<string, unknown>, typeof InvalidAddressError | typeof InvalidArgumentError, RegExp][] = [
        [{ account: "0x1234" }, InvalidAddressError, /account/],
        [
          { account: accounts.carrier.slice(0, 2) + accounts.carrier.slice(2).toUpperCase().replace("C", "c") },
          InvalidAddressError,
          /account/,
        ],
        [{ kinds: [] }, InvalidArgumentError, /kinds/],
        [{ kinds: ["shipowner"] }, InvalidArgumentError, /kinds/],
        [{ jurisdiction: "hk" }, InvalidArgumentError, /jurisdiction/],
        [{ validUntil: 1700000000 }, InvalidArgumentError, /validUntil/],
        [{ validUntil: new Date("nonsense") }, InvalidArgumentError, /validUntil/],
        [{ kycReference: "0x1234" }, InvalidArgumentError, /kycReference/],
      ];
      for (const [override, type, message] of cases) {
        const input = { ...good, ...override } as unknown as Parameters<CargoRails["participants"]["register"]>[0];
        try {
          await registrar.participants.register(input);
          expect.fail(`accepted ${JSON.stringify(override)}`);
        } catch (error) {
          expect(error, JSON.stringify(override)).to.be.instanceOf(type);
          expect((error as Error).message).to.match(message);
        }
      }
      expect(await nonce()).to.equal(before);
    });
  });

  describe("registerBatch, update, revoke", function () {
    it("registers a batch in one transaction with one event per participant", async function () {
      const { registrar, reader, now } = await loadFixture(deployed);
      const parties = [
        { account: accounts.exporter, kinds: ["trader"], jurisdiction: "CN" },
        { account: accounts.importer, kinds: ["trader"], jurisdiction: "HK" },
        { account: accounts.bank, kinds: ["bank"], jurisdiction: "HK" },
      ] as const;
      const { events } = await (
        await registrar.participants.registerBatch(
          parties.map((p) => ({ ...p, validUntil: now + ONE_YEAR, kycReference: KYC })),
        )
      ).wait();
      expect(changes(events).map((e) => e.args.account)).to.deep.equal(parties.map((p) => p.account));
      for (const party of parties) {
        expect(await reader.participants.isVerifiedAs(party.account, party.kinds)).to.equal(true);
        expect((await reader.participants.get(party.account)).jurisdiction).to.equal(party.jurisdiction);
      }
    });

    it("refuses an empty batch before sending; a batch with a registered account reverts as a whole", async function () {
      const { registrar, reader, now } = await loadFixture(deployed);
      await rejects(registrar.participants.registerBatch([]), InvalidArgumentError, /registrations/);
      const entry = (account: Address) => ({
        account,
        kinds: ["trader"] as const,
        jurisdiction: "HK",
        validUntil: now + ONE_YEAR,
        kycReference: KYC,
      });
      await (await registrar.participants.register(entry(accounts.importer))).wait();
      const error = await revert(() =>
        registrar.participants.registerBatch([entry(accounts.exporter), entry(accounts.importer)]),
      );
      expect(error.errorName).to.equal("ParticipantAlreadyRegistered");
      expect(error.args).to.deep.equal([accounts.importer]);
      expect(await reader.participants.isVerified(accounts.exporter)).to.equal(false);
    });

    it("updates a record (renewal of a lapsed one), emitting the old and new record", async function () {
      const { registrar, reader, now } = await loadFixture(deployed);
      await (
        await registrar.participants.register({
          account: accounts.carrier,
          kinds: ["carrier"],
          jurisdiction: "HK",
          validUntil: now + 100n,
          kycReference: KYC,
        })
      ).wait();
      await time.increaseTo(now + 200n);
      expect(await reader.participants.isVerified(accounts.carrier)).to.equal(false);
      const { events } = await (
        await registrar.participants.update({
          account: accounts.carrier,
          kinds: ["carrier", "agent"],
          jurisdiction: "SG",
          validUntil: now + ONE_YEAR,
          kycReference: KYC,
        })
      ).wait();
      expect(events[0]!.eventName).to.equal("ParticipantChanged");
      expect(changes(events)[0]!.args.previous.validUntil).to.equal(now + 100n);
      expect(changes(events)[0]!.args.current.kinds).to.deep.equal(["carrier", "agent"]);
      expect(changes(events)[0]!.args.current.kindMask).to.equal(1 | 8);
      const record = await reader.participants.get(accounts.carrier);
      expect(record).to.deep.include({
        active: true,
        kinds: ["carrier", "agent"],
        jurisdiction: "SG",
        validUntil: now + ONE_YEAR,
      });
      expect(await reader.participants.isVerifiedAs(accounts.carrier, "agent")).to.equal(true);
      expect(await reader.participants.verifiedKinds(accounts.carrier)).to.deep.equal(["carrier", "agent"]);
    });

    it("throws ParticipantNotRegistered on update or revoke of an unknown account", async function () {
      const { registrar, now } = await loadFixture(deployed);
      const updateError = await revert(() =>
        registrar.participants.update({
          account: accounts.stranger,
          kinds: ["trader"],
          jurisdiction: "HK",
          validUntil: now + ONE_YEAR,
          kycReference: KYC,
        }),
      );
      expect(updateError.errorName).to.equal("ParticipantNotRegistered");
      expect(updateError.args).to.deep.equal([accounts.stranger]);
      const revokeError = await revert(() => registrar.participants.revoke({ account: accounts.stranger }));
      expect(revokeError.errorName).to.equal("ParticipantNotRegistered");
      expect(revokeError.shortMessage).to.contain("not a registered participant");
      expect(revokeError.hint).to.contain("participants.register");
      expect(revokeError.details).to.contain(`revoke\` on `);
    });

    it("revokes: the account is no longer verified, its record is kept inactive", async function () {
      const { registrar, reader, now } = await loadFixture(deployed);
      await (
        await registrar.participants.register({
          account: accounts.importer,
          kinds: ["trader"],
          jurisdiction: "HK",
          validUntil: now + ONE_YEAR,
          kycReference: KYC,
        })
      ).wait();
      const { events } = await (await registrar.participants.revoke({ account: accounts.importer })).wait();
      expect(changes(events)[0]!.args.current.active).to.equal(false);
      expect(await reader.participants.isVerified(accounts.importer)).to.equal(false);
      expect(await reader.participants.get(accounts.importer)).to.deep.include({
        active: false,
        kinds: ["trader"],
        jurisdiction: "HK",
      });
      await rejects(registrar.participants.revoke({ account: "0xnope" as Address }), InvalidAddressError);
    });
  });

  describe("role administration (the access namespace)", function () {
    const REGISTRAR = { contract: "participants", name: "REGISTRAR" } as const;
    const registration = (now: bigint) => ({
      account: accounts.carrier,
      kinds: ["carrier" as const],
      jurisdiction: "HK",
      validUntil: now + ONE_YEAR,
      kycReference: KYC,
    });

    it("grants, revokes and renounces the registrar role in the access manager", async function () {
      const { as, now } = await loadFixture(deployed);
      const { admin, registrar, bank, stranger, carrier } = accounts;
      const byAdmin = as(admin);
      expect(await byAdmin.access.hasRole(REGISTRAR, registrar)).to.deep.equal({ isMember: true, executionDelay: 0 });
      expect((await byAdmin.access.hasRole(REGISTRAR, bank)).isMember).to.equal(false);
      // What AccessManagedUnauthorized's hint says to do (access.grantRole) can be done from the access namespace.
      const refused = await revert(() => as(bank).participants.register(registration(now)));
      expect(refused.errorName).to.equal("AccessManagedUnauthorized");
      const granted = await (await byAdmin.access.grantRole({ role: REGISTRAR, account: bank })).wait();
      expect(granted.events.map((event) => event.eventName)).to.deep.equal(["RoleGranted"]);
      await (await as(bank).participants.register(registration(now))).wait();
      expect(await byAdmin.participants.isVerifiedAs(carrier, ["carrier"])).to.equal(true);
      await (await byAdmin.access.revokeRole({ role: REGISTRAR, account: bank })).wait();
      expect((await byAdmin.access.hasRole(REGISTRAR, bank)).isMember).to.equal(false);
      await (await as(registrar).access.renounceRole({ role: REGISTRAR })).wait();
      expect((await byAdmin.access.hasRole(REGISTRAR, registrar)).isMember).to.equal(false);
      const byStranger = as(stranger).access;
      const refusedGrant = await revert(() => byStranger.grantRole({ role: REGISTRAR, account: stranger }));
      expect(refusedGrant.errorName).to.equal("AccessManagerUnauthorizedAccount");
      expect(refusedGrant.shortMessage).to.equal(`${stranger} does not hold ADMIN, which this operation requires.`);
    });

    it("reads the function-role table the manager holds, as the SDK's table states it", async function () {
      const { as, address } = await loadFixture(deployed);
      const access = as(undefined).access;
      for (const line of functionRoles("participants")) {
        for (const selector of line.selectors)
          expect(await access.functionRole(address, selector)).to.equal(line.roleId);
      }
      expect(
        await access.canCall({
          caller: accounts.registrar,
          target: address,
          selector: functionRoles("participants")[0]!.selectors[0]!,
        }),
      ).to.deep.equal({ immediate: true, delay: 0 });
    });

    it("a registrar with an execution delay must schedule: refused before the delay, executed after", async function () {
      const { as, now, address } = await loadFixture(deployed);
      const { admin, bank, carrier } = accounts;
      await (await as(admin).access.grantRole({ role: REGISTRAR, account: bank, executionDelay: 3600 })).wait();
      expect(await as(admin).access.hasRole(REGISTRAR, bank)).to.deep.equal({ isMember: true, executionDelay: 3600 });
      const byBank = as(bank);
      // A direct call is refused: nothing is scheduled.
      expect((await revert(() => byBank.participants.register(registration(now)))).errorName).to.equal(
        "AccessManagerNotScheduled",
      );
      const data = encodeFunctionData({
        abi: participantRegistryAbi,
        functionName: "register",
        args: [carrier, { kinds: 1, jurisdiction: "0x484b", validUntil: now + ONE_YEAR, kycReference: KYC }],
      });
      const scheduled = await byBank.access.schedule({ target: address, data });
      await scheduled.wait();
      const at = await byBank.access.scheduledAt(scheduled.operationId);
      expect(at).to.equal(BigInt(await time.latest()) + 3600n);
      expect((await revert(() => byBank.access.execute({ target: address, data }))).errorName).to.equal(
        "AccessManagerNotReady",
      );
      expect(await byBank.participants.isVerified(carrier)).to.equal(false);
      await time.increaseTo(at!);
      await (await byBank.access.execute({ target: address, data })).wait();
      expect(await byBank.participants.isVerifiedAs(carrier, ["carrier"])).to.equal(true);
      expect(await byBank.access.scheduledAt(scheduled.operationId)).to.equal(null);
    });

    it("the admin cancels a scheduled operation, which then cannot run", async function () {
      const { as, now, address } = await loadFixture(deployed);
      const { admin, bank, carrier } = accounts;
      await (await as(admin).access.grantRole({ role: REGISTRAR, account: bank, executionDelay: 60 })).wait();
      const data = encodeFunctionData({
        abi: participantRegistryAbi,
        functionName: "register",
        args: [carrier, { kinds: 1, jurisdiction: "0x484b", validUntil: now + ONE_YEAR, kycReference: KYC }],
      });
      const scheduled = await as(bank).access.schedule({ target: address, data });
      await scheduled.wait();
      await (await as(admin).access.cancel({ caller: bank, target: address, data })).wait();
      expect(await as(bank).access.scheduledAt(scheduled.operationId)).to.equal(null);
      await time.increase(61);
      expect((await revert(() => as(bank).access.execute({ target: address, data }))).errorName).to.equal(
        "AccessManagerNotScheduled",
      );
    });
  });

  describe("errors outside the namespace's own checks", function () {
    it("a write without a walletClient, or with one without an account, throws WalletRequiredError", async function () {
      const { reader, address, now } = await loadFixture(deployed);
      const input = {
        account: accounts.carrier,
        kinds: ["carrier"],
        jurisdiction: "HK",
        validUntil: now + ONE_YEAR,
        kycReference: KYC,
      } as const;
      await rejects(reader.participants.register(input), WalletRequiredError, /participants\.register/);
      await rejects(reader.participants.revoke({ account: accounts.carrier }), WalletRequiredError);
      const accountless = createCargoRails({
        publicClient,
        walletClient: createWalletClient({ transport: custom(chain.provider) }),
        addresses: { participantRegistry: address },
      });
      await rejects(accountless.participants.update(input), WalletRequiredError, /no account/);
    });

    it("decodes reverts the SDK's own input checks make unreachable: invalid kinds, jurisdiction, batch lengths", async function () {
      const { address, now } = await loadFixture(deployed);
      const record = (kinds: number, jurisdiction: Hex) => ({
        kinds,
        jurisdiction,
        validUntil: now + ONE_YEAR,
        kycReference: KYC,
      });
      const attempt = async (args: Parameters<typeof simulate>[0]) => {
        try {
          await simulate(args);
        } catch (error) {
          return decodeContractError(error, participantRegistryAbi);
        }
        return expect.fail("expected a revert");
      };
      const simulate = (call: { functionName: "register" | "registerBatch"; args: readonly unknown[] }) =>
        publicClient.simulateContract({
          address,
          abi: participantRegistryAbi,
          account: accounts.registrar,
          functionName: call.functionName,
          args: call.args,
        } as never);

      const kinds = await attempt({ functionName: "register", args: [accounts.carrier, record(1 << 11, "0x484b")] });
      expect(kinds).to.be.instanceOf(ContractRevertError);
      if (!isContractRevert(kinds, participantRegistryAbi, "ParticipantInvalidKinds"))
        return expect.fail(String(kinds));
      expect(kinds.args[0]).to.equal(1 << 11); // the first bit no kind uses
      expect(kinds.hint).to.contain("carrier, bank, trader");

      const jurisdiction = await attempt({ functionName: "register", args: [accounts.carrier, record(1, "0x686b")] });
      if (!isContractRevert(jurisdiction, participantRegistryAbi, "ParticipantInvalidJurisdiction"))
        return expect.fail(String(jurisdiction));
      expect(jurisdiction.args[0]).to.equal("0x686b");

      const batch = await attempt({ functionName: "registerBatch", args: [[accounts.carrier], []] });
      if (!isContractRevert(batch, participantRegistryAbi, "ParticipantBatchLengthMismatch"))
        return expect.fail(String(batch));
      expect(batch.args).to.deep.equal([1n, 0n]);
      expect(batch.shortMessage).to.contain("1 accounts, 0 records");
    });

    it("returns null for errors that are neither reverts nor connection failures", function () {
      expect(decodeContractError(new Error("something else"), participantRegistryAbi)).to.equal(null);
      expect(decodeContractError("not even an error", participantRegistryAbi)).to.equal(null);
      // The SDK's other errors are neither: its return type names only reverts and connection failures.
      const others = [
        new InvalidArgumentError("kinds", [], "at least one kind"),
        new InvalidAddressError("0x12", "account"),
        new WalletRequiredError("participants.register"),
        new TransactionRevertedError(`0x${"00".repeat(32)}`, "participants.register"),
      ];
      for (const other of others) expect(decodeContractError(other, participantRegistryAbi), other.name).to.equal(null);
      // A revert or a connection failure the SDK already typed comes back unchanged.
      const revert = new ContractRevertError({ errorName: "RailsZeroAddress", args: [], shortMessage: "x" });
      const unreachable = new RpcConnectionError({ url: "http://127.0.0.1:9/" });
      expect(decodeContractError(revert, participantRegistryAbi)).to.equal(revert);
      expect(decodeContractError(unreachable, participantRegistryAbi)).to.equal(unreachable);
    });

    it("a node that cannot be reached gives RpcConnectionError with the URL", async function () {
      const unreachable = createPublicClient({
        transport: http("http://127.0.0.1:9", { retryCount: 0, timeout: 2_000 }),
      });
      const rails = createCargoRails({ publicClient: unreachable, addresses: { participantRegistry: accounts.admin } });
      try {
        await rails.participants.isVerified(accounts.carrier);
        expect.fail("expected a throw");
      } catch (error) {
        expect(error).to.be.instanceOf(RpcConnectionError);
        expect((error as RpcConnectionError).url).to.equal("http://127.0.0.1:9/");
        expect((error as RpcConnectionError).hint).to.contain("node is running");
      }
    });

    it("a transaction mined but reverted makes wait() throw TransactionRevertedError", async function () {
      const { address, now } = await loadFixture(deployed);
      // The chain as seen by wait(): the real receipt, but with the status a revert after the simulation gives.
      const revertingReceipts = {
        ...publicClient,
        waitForTransactionReceipt: async (args: Parameters<typeof publicClient.waitForTransactionReceipt>[0]) => ({
          ...(await publicClient.waitForTransactionReceipt(args)),
          status: "reverted" as const,
        }),
      } as typeof publicClient;
      const rails = createCargoRails({
        publicClient: revertingReceipts,
        walletClient: wallet(accounts.registrar),
        addresses: { participantRegistry: address },
      });
      const result = await rails.participants.register({
        account: accounts.carrier,
        kinds: ["carrier"],
        jurisdiction: "HK",
        validUntil: now + ONE_YEAR,
        kycReference: KYC,
      });
      await rejects(result.wait(), TransactionRevertedError, result.hash);
    });

    it("refuses malformed addresses in the configuration", function () {
      expect(() => createCargoRails({ publicClient, addresses: { participantRegistry: "0x12" as Address } })).to.throw(
        InvalidAddressError,
        /addresses\.participantRegistry/,
      );
    });
  });
});
