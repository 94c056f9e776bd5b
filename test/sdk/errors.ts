import { expect } from "chai";
import {
  BaseError,
  createPublicClient,
  createWalletClient,
  custom,
  type Address,
  type EIP1193Provider,
  type PublicClient,
  type WalletClient,
} from "viem";
import { mainnet } from "viem/chains";

import * as sdk from "../../sdk/src/index.js";
import {
  CargoRailsError,
  ChainMismatchError,
  connectCargoRails,
  ContractNotDeployedError,
  ContractRevertError,
  createCargoRails,
  InvalidArgumentError,
  RpcRequestError,
  signEblPermit,
} from "../../sdk/src/index.js";
import * as sdkNode from "../../sdk/src/node.js";
import { rejects } from "./helpers.js";
import { createSystemChain } from "./system.js";

const chain = await createSystemChain();
const { accounts, publicClient } = chain;
const { stranger, admin, registrar } = accounts;
const { loadFixture } = chain.connection.networkHelpers;
const provider = chain.connection.provider as unknown as EIP1193Provider;
const HARDHAT_CHAIN_ID = 31337;

const deployed = () => chain.system();

/** A transport over the in-process chain whose node answers `method` with a JSON-RPC error, as a provider may. */
function failing(method: string, error: { code: number; message: string }) {
  return custom(
    {
      request: async (args: { method: string; params?: unknown }) => {
        if (args.method === method) throw Object.assign(new Error(error.message), error);
        return provider.request(args as never);
      },
    },
    { retryCount: 0 },
  );
}

describe("SDK: errors (in-process network)", function () {
  describe("a wrong address", function () {
    it("a read on an address without code throws ContractNotDeployedError, not viem's zero-data error", async function () {
      const rails = createCargoRails({ publicClient, addresses: { participantRegistry: stranger } });
      const error = await rejects(() => rails.participants.isVerified(admin), ContractNotDeployedError);
      expect(error).to.be.instanceOf(CargoRailsError);
      expect(error.name).to.equal("ContractNotDeployedError");
      expect(error.address).to.equal(stranger);
      expect(error.contract).to.equal("ParticipantRegistry");
      expect(error.hint).to.contain("Check the address and the chain");
      expect(error.cause).to.be.instanceOf(BaseError);
    });

    it("a write to an address without code is refused before it is sent", async function () {
      const rails = createCargoRails({
        publicClient,
        walletClient: chain.wallet(registrar),
        addresses: { participantRegistry: stranger },
      });
      const nonce = () => publicClient.getTransactionCount({ address: registrar });
      const before = await nonce();
      const error = await rejects(
        () =>
          rails.participants.register({
            account: admin,
            kinds: ["trader"],
            jurisdiction: "HK",
            validUntil: new Date(Date.now() + 86_400_000),
            kycReference: `0x${"ab".repeat(32)}`,
          }),
        ContractNotDeployedError,
      );
      expect(error.chainId).to.equal(HARDHAT_CHAIN_ID);
      expect(error.shortMessage).to.equal(
        `No ParticipantRegistry is deployed at ${stranger} on chain ${HARDHAT_CHAIN_ID}.`,
      );
      expect(await nonce()).to.equal(before);
    });
  });

  describe("verify and connectCargoRails", function () {
    it("pass on the deployment's chain with every address deployed", async function () {
      const { addresses } = await loadFixture(deployed);
      await createCargoRails({ publicClient, addresses }).verify();
      const rails = await connectCargoRails({ publicClient, addresses, chainId: HARDHAT_CHAIN_ID });
      expect(await rails.participants.isVerified(stranger)).to.equal(false);
    });

    it("name the first configured address without code and the contract expected there", async function () {
      const { addresses } = await loadFixture(deployed);
      const error = await rejects(
        connectCargoRails({ publicClient, addresses: { ...addresses, eblRegistry: stranger } }),
        ContractNotDeployedError,
      );
      expect(error.address).to.equal(stranger);
      expect(error.contract).to.equal("BillOfLadingRegistry");
      expect(error.chainId).to.equal(HARDHAT_CHAIN_ID);
    });

    it("name a deposit token without code by its label", async function () {
      const { addresses } = await loadFixture(deployed);
      const rails = createCargoRails({ publicClient, addresses: { ...addresses, deposits: { HKD: stranger } } });
      const error = await rejects(rails.verify(), ContractNotDeployedError);
      expect(error.contract).to.equal("TokenizedDeposit HKD");
    });

    it("refuse a node on another chain than the chainId option", async function () {
      const { addresses } = await loadFixture(deployed);
      const error = await rejects(connectCargoRails({ publicClient, addresses, chainId: 1 }), ChainMismatchError);
      expect(error.expectedChainId).to.equal(1);
      expect(error.actualChainId).to.equal(HARDHAT_CHAIN_ID);
      expect(error.source).to.equal("the chainId option");
    });

    it("refuse a node on another chain than the walletClient's", async function () {
      const { addresses } = await loadFixture(deployed);
      const walletClient: WalletClient = createWalletClient({
        account: admin,
        chain: mainnet,
        transport: custom(provider, { retryCount: 0 }),
      });
      const error = await rejects(connectCargoRails({ publicClient, walletClient, addresses }), ChainMismatchError);
      expect(error.expectedChainId).to.equal(1);
      expect(error.source).to.contain("walletClient");
      expect(error.shortMessage).to.equal(
        `The node is on chain ${HARDHAT_CHAIN_ID}, but the walletClient's chain (Ethereum) expects chain 1.`,
      );
    });

    it("refuse a chainId option that is not a positive integer", function () {
      expect(() =>
        createCargoRails({ publicClient, addresses: { participantRegistry: stranger }, chainId: 0 }),
      ).to.throw(InvalidArgumentError, "chainId");
    });
  });

  describe("node and wallet errors", function () {
    it("a JSON-RPC error answering eth_getLogs becomes RpcRequestError with the node's error as cause", async function () {
      const { addresses } = await loadFixture(deployed);
      const limited: PublicClient = createPublicClient({
        transport: failing("eth_getLogs", { code: -32005, message: "query returned more than 10000 results" }),
        pollingInterval: 10,
      });
      const rails = createCargoRails({ publicClient: limited, addresses });
      const error = await rejects(rails.ebl.history(1n), RpcRequestError);
      expect(error.operation).to.equal("ebl.history");
      expect(error.details).to.contain("exceeds defined limit");
      expect(error.cause).to.be.instanceOf(BaseError);
      expect(error.message).to.contain("more than 10000 results");
    });

    it("a JSON-RPC error answering a read's eth_call becomes RpcRequestError naming the function", async function () {
      const { addresses } = await loadFixture(deployed);
      const limited: PublicClient = createPublicClient({
        transport: failing("eth_call", { code: -32005, message: "rate limited" }),
      });
      const rails = createCargoRails({ publicClient: limited, addresses });
      const error = await rejects(rails.participants.isVerified(stranger), RpcRequestError);
      expect(error.operation).to.equal("isVerified");
      expect(error.cause).to.be.instanceOf(BaseError);
    });

    it("a wallet that refuses to sign gives RpcRequestError, not viem's UserRejectedRequestError", async function () {
      const { addresses } = await loadFixture(deployed);
      const refusing = createWalletClient({
        account: admin,
        transport: failing("eth_signTypedData_v4", { code: 4001, message: "User rejected the request." }),
      });
      const error = await rejects(
        signEblPermit(refusing, {
          domain: {
            name: "Cargo Rails eBL Registry",
            version: "1",
            chainId: 31337,
            verifyingContract: addresses.eblRegistry,
          },
          spender: addresses.signedSettlement,
          tokenId: 1n,
          nonce: 0n,
          deadline: 1n,
        }),
        RpcRequestError,
      );
      expect(error.operation).to.equal("signTypedData");
      expect(error.details).to.contain("User rejected");
    });
  });

  describe("a revert", function () {
    it("keeps the contract's error in errorName, `name` is the class's, and writes the token id in hex", async function () {
      const { addresses } = await loadFixture(deployed);
      const rails = createCargoRails({ publicClient, addresses });
      const tokenId = 2n ** 200n + 12345n;
      const error = await rejects(() => rails.ebl.getApproved(tokenId), ContractRevertError);
      expect(error.name).to.equal("ContractRevertError");
      expect(error.errorName).to.equal("ERC721NonexistentToken");
      expect(error.args).to.deep.equal([tokenId]);
      const hex = `0x${tokenId.toString(16)}`;
      expect(error.shortMessage).to.equal(`eBL ${hex} does not exist (never issued, or burned).`);
      expect(error.details).to.contain(`ERC721NonexistentToken(${hex})`);
      expect(error.message).to.not.contain(tokenId.toString());
    });
  });
});

describe("SDK: error classes", function () {
  const address: Address = "0x0000000000000000000000000000000000000001";
  /** One instance of every exported error class. A class missing here fails the coverage check below. */
  const samples: CargoRailsError[] = [
    new sdk.CargoRailsError("x"),
    new sdk.InvalidAddressError("0x12"),
    new sdk.InvalidArgumentError("a", 1, "b"),
    new sdk.InvalidAmountError(1, "a number"),
    new sdk.AmountPrecisionError("1.001", 2),
    new sdk.WalletRequiredError("participants.register"),
    new sdk.RpcConnectionError({}),
    new sdk.RpcRequestError("eth_call", {}),
    new sdk.ContractNotDeployedError({ address, contract: "ParticipantRegistry" }),
    new sdk.ChainMismatchError({ expectedChainId: 1, actualChainId: 2, source: "the chainId option" }),
    new sdk.TransactionRevertedError(`0x${"00".repeat(32)}`, "ebl.transfer"),
    new sdk.ContractRevertError({ errorName: "RailsZeroAmount", args: [], shortMessage: "x" }),
    // A data provider's refusals, one class per status (sdk/src/dataProvider.ts).
    new sdk.IndexerRequestError("http://127.0.0.1:42069/rails/held-by/0x01", { status: 503, details: "x" }),
    new sdk.DataProviderError(418, "Teapot", "x"),
    ...[400, 401, 403, 404, 409, 410, 413, 422, 503].map((status) => sdk.dataProviderError(status, { error: "x" })),
    new sdk.ContractNotConfiguredError("ebl", "eBL registry"),
    new sdk.CanonicalJsonError("invalid-json", "$", "x"),
    new sdk.TransportDocumentValidationError([{ path: "$", message: "x" }]),
    new sdkNode.IgnitionAddressesError("x"),
    new sdk.DocumentMismatchError({
      result: "mismatch",
      documentId: `0x${"01".repeat(32)}`,
      sha256Hash: `0x${"02".repeat(32)}`,
      version: null,
      document: {
        documentId: `0x${"01".repeat(32)}`,
        documentType: 1,
        typeName: "COMMERCIAL_INVOICE",
        status: "issued",
        version: 1,
        issuedAt: new Date(0),
        issuer: address,
        owner: address,
        subjectContract: address,
        subjectId: 1n,
        sha256Hash: `0x${"03".repeat(32)}`,
      },
    }),
    new sdk.DocumentNotCurrentError({
      result: "unknown",
      documentId: `0x${"01".repeat(32)}`,
      sha256Hash: `0x${"02".repeat(32)}`,
      version: null,
      document: null,
    }),
    new sdk.TransferTimeoutError(
      {
        transferId: `0x${"00".repeat(32)}`,
        status: "sent",
        tokenId: 1n,
        sourceChainId: 1,
        destinationChainId: 2,
        holder: address,
        outbound: {
          transferId: `0x${"00".repeat(32)}`,
          status: "sent",
          tokenId: 1n,
          holder: address,
          destinationChainId: 2,
          custodyForTitle: false,
        },
        inbound: { transferId: `0x${"00".repeat(32)}`, status: "none", tokenId: 0n, originChainId: 0 },
      },
      1000,
      ["delivered", "returned"],
    ),
  ];

  const exported = [...Object.entries(sdk), ...Object.entries(sdkNode)].filter(
    ([, value]) =>
      typeof value === "function" &&
      (value === CargoRailsError || (value as { prototype?: unknown }).prototype instanceof CargoRailsError),
  ) as [string, new (...args: never[]) => CargoRailsError][];

  it("has a sample of every exported error class", function () {
    const sampled = new Set(samples.map((sample) => sample.constructor));
    const missing = exported.filter(([, type]) => !sampled.has(type)).map(([name]) => name);
    expect(missing).to.deep.equal([]);
    expect(exported.length).to.be.greaterThanOrEqual(16);
  });

  it("every error's name is its class's name (a contract's error name is in errorName, not name)", function () {
    for (const sample of samples) {
      const [exportName] = exported.find(([, type]) => type === sample.constructor) ?? [];
      expect(sample.name, exportName).to.equal(exportName);
      expect(sample.message, exportName).to.contain(`Version: @cargo-rails/sdk@`);
    }
  });
});

describe("SDK: local errors", function () {
  it("incomplete terms give InvalidArgumentError from hashSettlementTerms, with the encoding error as cause", function () {
    const domain = { name: "Cargo Rails Signed Settlement", version: "2", chainId: 1 };
    const terms = { seller: "0x12" } as unknown as sdk.SettlementTerms;
    let thrown: unknown;
    try {
      sdk.hashSettlementTerms(terms, domain);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(InvalidArgumentError);
    expect((thrown as InvalidArgumentError).argument).to.equal("terms");
    expect((thrown as InvalidArgumentError).cause).to.be.instanceOf(Error);
    expect((thrown as InvalidArgumentError).details).to.be.a("string");
  });
});
