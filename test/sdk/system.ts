/**
 * The whole Cargo Rails system on Hardhat's in-process network, driven through the SDK: participant register, eBL
 * registry, an HKD deposit token of a Hong Kong bank, and settlement (SignedSettlement, EscrowedDeals and their
 * DepositRail), wired, with the HKD market open both ways.
 */
import { network } from "hardhat";
import {
  createPublicClient,
  createWalletClient,
  custom,
  getAddress,
  keccak256,
  toHex,
  type Address,
  type EIP1193Provider,
  type Hex,
  type PublicClient,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { createCargoRails, functionRoles, type ParticipantKind, type RailsRole } from "../../sdk/src/index.js";
import { deployManager, wire } from "../helpers/access.js";
import { clone, readFixture } from "./helpers.js";

type Json = Record<string, unknown>;

/** Hardhat's default accounts' keys (the well-known test mnemonic), to sign with local viem accounts. */
export const HARDHAT_KEYS: Hex[] = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
  "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
  "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
  "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
  "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
  "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
];

const pint = JSON.parse(readFixture("pint-3.0.0-transport-document.json")) as Json;

/** A straight B/L document (the PINT sample, reference filled in). */
export function straightDocument(reference: string): Json {
  return { ...clone(pint), transportDocumentReference: reference };
}

/** A to-order B/L document ("to order of shipper"): the PINT sample without consignee. */
export function toOrderDocument(reference: string): Json {
  const document = straightDocument(reference);
  document.isToOrder = true;
  delete (document.documentParties as Json).consignee;
  return document;
}

export const ONE_YEAR = 365n * 24n * 3600n;

/** A fresh chain; `system()` deploys everything and is meant for `loadFixture`. */
export async function createSystemChain() {
  const connection = await network.create();
  const provider = connection.provider as unknown as EIP1193Provider;
  const transport = custom(provider, { retryCount: 0 });
  const publicClient: PublicClient = createPublicClient({ transport, pollingInterval: 10 });
  const all = (await createWalletClient({ transport }).getAddresses()).map((a) => getAddress(a));
  const [admin, registrar, carrier, exporter, importer, bank, regulator, relayer, cnBank, stranger] = all as [
    Address,
    Address,
    Address,
    Address,
    Address,
    Address,
    Address,
    Address,
    Address,
    Address,
  ];
  const accounts = { admin, registrar, carrier, exporter, importer, bank, regulator, relayer, cnBank, stranger };
  /** A JSON-RPC account (the node signs). */
  const wallet = (account: Address): WalletClient => createWalletClient({ account, transport, pollingInterval: 10 });
  /** A local account (viem signs with the key): what a bank's back office does. */
  const localWallet = (account: Address): WalletClient => {
    const key = HARDHAT_KEYS[all.indexOf(account)];
    if (key === undefined) throw new Error(`no known key for ${account}`);
    return createWalletClient({ account: privateKeyToAccount(key), transport, pollingInterval: 10 });
  };

  async function system() {
    const { ethers } = connection;
    const signer = (account: Address) => ethers.getSigner(account);
    const adminSigner = await signer(admin);
    const manager = await deployManager(ethers, adminSigner);
    const accessManager = (await manager.getAddress()) as Address;
    const participants = await ethers.deployContract("ParticipantRegistry", [accessManager], adminSigner);
    const participantRegistry = (await participants.getAddress()) as Address;
    const ebl = await ethers.deployContract("BillOfLadingRegistry", [participantRegistry, accessManager], adminSigner);
    const eblRegistry = (await ebl.getAddress()) as Address;
    const eblLens = (await (await ethers.deployContract("EblLens", [], adminSigner)).getAddress()) as Address;
    const deployed = async (name: string, args: unknown[]) =>
      (await (await ethers.deployContract(name, args, adminSigner)).getAddress()) as Address;
    const signedSettlement = await deployed("SignedSettlement", [accessManager]);
    const escrowedDeals = await deployed("EscrowedDeals", [accessManager]);
    const depositRail = await deployed("DepositRail", [accessManager, signedSettlement, escrowedDeals]);
    await wire(manager, adminSigner, "participants", participantRegistry);
    await wire(manager, adminSigner, "ebl", eblRegistry);
    for (const line of [
      ...functionRoles("signedSettlement").map((l) => [signedSettlement, l] as const),
      ...functionRoles("escrowedDeals").map((l) => [escrowedDeals, l] as const),
      ...functionRoles("depositRail").map((l) => [depositRail, l] as const),
    ]) {
      await (
        await manager.connect(adminSigner).setTargetFunctionRole(line[0], line[1].selectors, line[1].roleId)
      ).wait();
    }
    const access = createCargoRails({
      publicClient,
      walletClient: wallet(admin),
      addresses: { participantRegistry, accessManager },
    }).access;
    await (
      await access.grantRole({ role: { contract: "participants", name: "REGISTRAR" }, account: registrar })
    ).wait();

    const base = { publicClient, addresses: { participantRegistry } };
    const registrarRails = createCargoRails({ ...base, walletClient: wallet(registrar) });
    const validUntil = BigInt(Math.floor(Date.now() / 1000)) + ONE_YEAR * 5n;
    const entry = (account: Address, kinds: ParticipantKind[], jurisdiction = "HK") => ({
      account,
      kinds,
      jurisdiction,
      validUntil,
      kycReference: keccak256(toHex(`kyc:${account}`)),
    });
    await (
      await registrarRails.participants.registerBatch([
        entry(carrier, ["carrier"]),
        entry(exporter, ["trader"], "CN"),
        entry(importer, ["trader"]),
        entry(bank, ["bank"]),
        entry(cnBank, ["bank"], "CN"),
        entry(regulator, ["regulator"]),
        entry(relayer, ["agent"]),
        entry(signedSettlement, ["settlement"]),
        entry(escrowedDeals, ["settlement"]),
        entry(depositRail, ["settlement"]),
      ])
    ).wait();

    const hkdToken = await ethers.deployContract(
      "TokenizedDeposit",
      [
        {
          name: "Harbour Bank HKD Deposit",
          symbol: "hbHKD",
          decimals: 2,
          currency: toHex("HKD"),
          registry: participantRegistry,
          issuer: bank,
          issuerId: toHex("LEI:HARBOURBANKHK0001", { size: 32 }),
          supplyCap: 0n,
          authority: accessManager,
        },
      ],
      adminSigner,
    );
    const hkd = (await hkdToken.getAddress()) as Address;
    await wire(manager, adminSigner, { deposit: "HKD" }, hkd);
    const addresses = {
      participantRegistry,
      accessManager,
      eblRegistry,
      eblLens,
      signedSettlement,
      escrowedDeals,
      deposits: { HKD: hkd },
    };
    const as = (account: Address | undefined, local = false) =>
      createCargoRails({
        publicClient,
        walletClient: account === undefined ? undefined : local ? localWallet(account) : wallet(account),
        addresses,
      });
    const adminRails = as(admin);
    const grantTo = async (role: RailsRole, account: Address) =>
      (await adminRails.access.grantRole({ role, account })).wait();
    for (const name of ["MINTER", "BURNER", "PAUSER", "FREEZER", "COMPLIANCE", "CAP_MANAGER"] as const) {
      await grantTo({ contract: "deposit", currency: "HKD", name }, bank);
    }
    await grantTo({ contract: "ebl", name: "ISSUER" }, carrier);
    await grantTo({ contract: "ebl", name: "LEGAL_HOLD" }, regulator);
    await grantTo({ contract: "ebl", name: "PAUSER" }, admin);
    await grantTo({ contract: "settlement", name: "PAUSER" }, admin);
    await grantTo({ contract: "settlement", name: "ADMIN" }, admin);
    for (const way of ["signed", "escrowed"] as const) {
      await (await adminRails.settlement.setMarket({ way, token: "HKD", rail: depositRail })).wait();
    }
    await (await as(bank).deposits.HKD.mint({ to: importer, amount: "100000.00", bankReference: "DEP-0001" })).wait();
    return { addresses, as, participantRegistry, eblRegistry, signedSettlement, escrowedDeals, depositRail, hkd };
  }

  return { connection, provider, publicClient, accounts, wallet, localWallet, system };
}
